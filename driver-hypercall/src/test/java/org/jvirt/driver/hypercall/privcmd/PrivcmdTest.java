package org.jvirt.driver.hypercall.privcmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.junit.jupiter.api.Test;

/**
 * The real JNA path, as far as a machine without Xen lets it run: open, the {@code ioctl} with its
 * {@code privcmd_hypercall} in a locked buffer, errno read back, close. {@code /dev/null} stands in for the
 * device: the kernel refuses the ioctl with ENOTTY, which must come back as the hypercall's answer.
 */
class PrivcmdTest {

    @Test
    void aMissingDeviceIsNoXenNamingItAndTheErrno() {
        assertThatThrownBy(() -> Privcmd.open(Path.of("/nonexistent/privcmd")))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NO_XEN);
                    assertThat(e.domain()).isEqualTo(ErrorDomain.XEN);
                    assertThat(e.getMessage()).contains("/nonexistent/privcmd").contains("ENOENT (2");
                });
    }

    @Test
    void theIoctlIsMadeAndItsErrnoIsTheAnswerWithNothingLeftLocked() {
        long locked = LockedMemory.kib();
        HypercallBuffers buffers = HypercallBuffers.create();
        try (Privcmd notXen = Privcmd.open(LibC.system(), buffers, Path.of("/dev/null"))) {
            assertThat(notXen.hypercall(Xen.HYPERVISOR_XEN_VERSION, Xen.XENVER_VERSION, 0)).isEqualTo(-25);
            assertThat(buffers.live()).isZero();
            assertThatThrownBy(() -> XenCalls.detect(notXen)).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.getMessage()).isEqualTo("failed Xen syscall xen_version XENVER_version:"
                            + " ENOTTY (25, Inappropriate ioctl for device)"));
            assertThatThrownBy(() -> notXen.hypercall(1, 1, 2, 3, 4, 5, 6))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(buffers.live()).isZero();
        assertThat(LockedMemory.kib()).isEqualTo(locked);
    }

    @Test
    void aFailedIoctlAnswersItsErrnoAndOneWithoutAnErrnoStillFails() {
        FaultyLibC libc = new FaultyLibC();
        try (Privcmd p = Privcmd.open(libc, new HypercallBuffers(libc), Path.of("/dev/null"))) {
            libc.ioctlErrno = Errno.EPERM;
            assertThat(p.hypercall(Xen.HYPERVISOR_DOMCTL, 0)).isEqualTo(-Errno.EPERM);
            libc.ioctlErrno = 0;
            assertThat(p.hypercall(Xen.HYPERVISOR_DOMCTL, 0)).isEqualTo(-Errno.EIO);
            assertThat(p.buffers().live()).isZero();
        }
    }

    @Test
    void aClosedHandleAnswersEbadfWithoutReachingTheKernel() {
        Privcmd p = Privcmd.open(LibC.system(), HypercallBuffers.create(), Path.of("/dev/null"));
        p.close();
        p.close();
        assertThat(p.hypercall(Xen.HYPERVISOR_XEN_VERSION, Xen.XENVER_VERSION, 0)).isEqualTo(-Errno.EBADF);
    }
}
