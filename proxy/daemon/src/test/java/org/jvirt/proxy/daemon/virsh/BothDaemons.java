package org.jvirt.proxy.daemon.virsh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jvirt.proxy.daemon.RunningJvirtd;
import org.jvirt.proxy.protocol.Libvirtd;

/**
 * Debian's libvirtd and jvirtd side by side, each serving its test driver on a read-write and a read-only
 * unix socket of its own, and the virsh that drives both. test:///default lives while a client is
 * connected, so each sequence runs in one virsh process ({@code ;}-separated commands on one
 * connection), or beside a connection that holds the state.
 */
final class BothDaemons implements AutoCloseable {
    /** A domain of libvirt's test driver, written as a user writes one; both daemons get the same file. */
    static final String VM1 = """
            <domain type='test'>
              <name>vm1</name>
              <uuid>11111111-2222-3333-4444-555555555555</uuid>
              <memory unit='KiB'>131072</memory>
              <currentMemory unit='KiB'>131072</currentMemory>
              <vcpu placement='static'>1</vcpu>
              <os>
                <type arch='i686'>hvm</type>
                <boot dev='hd'/>
              </os>
            </domain>
            """;

    /** The test's directory: the daemons' sockets, virsh's home, the files commands name. */
    final Path dir;
    final Libvirtd libvirtd;
    final RunningJvirtd jvirtd;
    final Virsh virsh;
    /** {@link #VM1}'s file. */
    final Path vm1;

    private BothDaemons(Path dir, Libvirtd libvirtd, RunningJvirtd jvirtd, Virsh virsh, Path vm1) {
        this.dir = dir;
        this.libvirtd = libvirtd;
        this.jvirtd = jvirtd;
        this.virsh = virsh;
        this.vm1 = vm1;
    }

    /** Starts both in {@code dir}; skips (or fails under JVIRT_REQUIRE_PEERS) without virsh or libvirtd. */
    static BothDaemons start(Path dir) throws IOException, InterruptedException {
        Virsh virsh = Virsh.in(dir.resolve("home"));
        Path vm1 = Files.writeString(dir.resolve("vm1.xml"), VM1);
        Libvirtd libvirtd = Libvirtd.start(Files.createDirectories(dir.resolve("libvirtd")));
        try {
            return new BothDaemons(dir, libvirtd, RunningJvirtd.start(Files.createDirectories(dir.resolve("jvirtd"))), virsh, vm1);
        } catch (RuntimeException e) {
            libvirtd.close();
            throw e;
        }
    }

    /** The URI of the test driver's default node behind {@code socket}. */
    static String uri(Path socket) {
        return "test+unix:///default?socket=" + socket;
    }

    /** What one virsh run printed against libvirtd and against jvirtd. */
    record Outputs(Virsh.Result libvirt, Virsh.Result jvirt) {
    }

    /** Runs {@code commands} in one virsh against each read-write socket, libvirtd's first. */
    Outputs run(String commands) throws IOException, InterruptedException {
        return new Outputs(virsh.run(uri(libvirtd.socket()), false, commands), virsh.run(uri(jvirtd.socket()), false, commands));
    }

    @Override
    public void close() throws InterruptedException {
        try {
            jvirtd.close();
        } finally {
            libvirtd.close();
        }
    }
}
