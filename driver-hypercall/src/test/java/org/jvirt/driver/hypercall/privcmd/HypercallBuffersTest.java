package org.jvirt.driver.hypercall.privcmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Pointer;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.junit.jupiter.api.Test;

/** Hypercall buffers are real locked pages: made zeroed and aligned, released once, never leaked on failure. */
class HypercallBuffersTest {

    @Test
    void aBufferIsZeroedPageAlignedLockedMemoryUntilClosed() {
        HypercallBuffers buffers = HypercallBuffers.create();
        long lockedBefore = LockedMemory.kib();
        HypercallBuffer b = buffers.allocate(5000);
        assertThat(b.size()).isEqualTo(5000);
        assertThat(b.address() % buffers.pageSize()).isZero();
        assertThat(b.pointer().getByteArray(0, 5000)).containsOnly(0);
        assertThat(buffers.live()).isEqualTo(1);
        assertThat(LockedMemory.kib() - lockedBefore).isEqualTo(2 * buffers.pageSize() / 1024);

        b.close();
        b.close();
        assertThat(buffers.live()).isZero();
        assertThat(LockedMemory.kib()).isEqualTo(lockedBefore);
        assertThatThrownBy(b::pointer).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRefusedLockUnmapsTheBufferAndNamesTheCallAndErrno() {
        FaultyLibC libc = new FaultyLibC();
        libc.mlockErrno = 12;
        HypercallBuffers buffers = new HypercallBuffers(libc);
        assertThatThrownBy(() -> buffers.allocate(100)).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.XEN_CALL);
            assertThat(e.domain()).isEqualTo(ErrorDomain.XEN);
            assertThat(e.getMessage()).contains("mlock").contains("ENOMEM (12");
        });
        assertThat(libc.unmapped.get()).isEqualTo(libc.mapped.get()).isEqualTo(1);
        assertThat(buffers.live()).isZero();
    }

    @Test
    void aRefusedMappingNamesTheCallAndErrno() {
        FaultyLibC libc = new FaultyLibC();
        libc.mmapErrno = 12;
        HypercallBuffers buffers = new HypercallBuffers(libc);
        assertThatThrownBy(() -> buffers.allocate(100)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.getMessage()).contains("mmap").contains("ENOMEM"));
        assertThat(buffers.live()).isZero();
    }

    @Test
    void aRefusedUnlockStillUnmaps() {
        FaultyLibC libc = new FaultyLibC();
        HypercallBuffers buffers = new HypercallBuffers(libc);
        HypercallBuffer b = buffers.allocate(10);
        libc.munlockErrno = 22;
        b.close();
        assertThat(libc.unmapped.get()).isEqualTo(1);
        assertThat(buffers.live()).isZero();
    }

    @Test
    void buffersFromADeviceAreItsSharedPagesAndLockNothing() {
        // /dev/zero maps shared zeroed pages as /dev/xen/hypercall does, which only a Xen dom0 has.
        FaultyLibC libc = new FaultyLibC();
        int fd = libc.open("/dev/zero", LibC.O_RDWR | LibC.O_CLOEXEC);
        assertThat(fd).isNotNegative();
        HypercallBuffers buffers = HypercallBuffers.fromDevice(libc, fd, "/dev/zero");
        assertThat(buffers.source()).isEqualTo("/dev/zero");
        long lockedBefore = LockedMemory.kib();
        try (HypercallBuffer b = buffers.allocate(5000)) {
            assertThat(b.address() % buffers.pageSize()).isZero();
            assertThat(b.pointer().getByteArray(0, 5000)).containsOnly(0);
            b.pointer().setLong(4992, -1L);
            assertThat(b.pointer().getLong(4992)).isEqualTo(-1L);
            assertThat(LockedMemory.kib()).isEqualTo(lockedBefore);
            assertThat(buffers.live()).isEqualTo(1);
        }
        assertThat(libc.unmapped.get()).isEqualTo(libc.mapped.get()).isEqualTo(1);
        assertThat(buffers.live()).isZero();
        buffers.close();
        libc.mmapErrno = 19;
        assertThatThrownBy(() -> buffers.allocate(1)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.getMessage()).contains("mmap").contains("from /dev/zero").contains("ENODEV"));
    }

    @Test
    void structViewsReadAndWriteThroughTheLayoutAndRefuseWhatDoesNotFit() {
        try (HypercallBuffer b = HypercallBuffers.create().allocate(Xen417Layouts.DOMCTL.size())) {
            StructView d = StructView.of(b, Xen417Layouts.DOMCTL).put("cmd", 3).put("interface_version", 0x15)
                    .put("domain", 0x7fef);
            Pointer p = b.pointer();
            assertThat(p.getInt(0)).isEqualTo(3);
            assertThat(p.getInt(4)).isEqualTo(0x15);
            assertThat(p.getShort(8)).isEqualTo((short) 0x7fef);
            StructView aff = d.member("u", Xen417Layouts.VCPUAFFINITY).put("cpumap_hard.nr_bits", 64);
            assertThat(p.getInt(16 + 16)).isEqualTo(64);
            assertThat(aff.get("cpumap_hard.nr_bits")).isEqualTo(64);
            assertThatThrownBy(() -> d.put("domain", 0x10000)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> d.put("domain", -1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> d.member("u", Xen417Layouts.SYSCTL)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
