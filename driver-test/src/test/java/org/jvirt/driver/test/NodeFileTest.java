package org.jvirt.driver.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jvirt.api.Connection;
import org.jvirt.api.DomainState;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.NodeInfo;
import org.jvirt.api.VirtException;
import org.jvirt.core.Jvirt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** test:///path/node.xml in libvirt 0.4.4's and today's formats, read from libvirt's corpus. */
class NodeFileTest {
    /** A corpus file; without the corpus the test is skipped, saying why (or fails under JVIRT_REQUIRE_PEERS). */
    private static Path corpus(String relative) {
        return LibvirtCorpus.root("the node-file tests").resolve(relative);
    }

    /** As libvirt 9 reads it (virsh -c test:///…/v0.4.4/testnode.xml): fv0's lone <maxMemory> is refused. */
    @Test
    void libvirt044NodeFileIsRefusedAsLibvirt9RefusesIt() {
        // Resolved first: a missing corpus skips the test rather than being the throwable under test.
        Path nodeFile = corpus("v0.4.4/testnode.xml");
        assertThatThrownBy(() -> Jvirt.open("test://" + nodeFile))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR);
                    assertThat(e.getMessage()).isEqualTo(
                            "XML error: both maximum memory size and memory slot count must be specified");
                });
    }

    /** libvirt 0.4.4's node file, with the one setting libvirt 9 refuses taken out of fv0. */
    private static Path libvirt044NodeFileCopy(Path dir) throws IOException {
        Path source = corpus("v0.4.4/testnode.xml").getParent();
        for (String name : new String[] {"testnode.xml", "testdomfv0.xml", "testdomfc4.xml", "testnetpriv.xml",
                "testnetdef.xml"}) {
            String text = Files.readString(source.resolve(name));
            Files.writeString(dir.resolve(name), text.replaceAll("\\s*<maxMemory>[^<]*</maxMemory>", ""));
        }
        return dir.resolve("testnode.xml");
    }

    @Test
    void libvirt044NodeFile(@TempDir Path dir) throws IOException {
        try (Connection c = Jvirt.open("test://" + libvirt044NodeFileCopy(dir))) {
            assertThat(c.nodeInfo()).isEqualTo(new NodeInfo("i986", 8192000, 50, 6000, 4, 4, 4, 2));
            assertThat(c.activeDomainCount()).isEqualTo(2);
            assertThat(c.domainByName("fv0").info().state()).isEqualTo(DomainState.RUNNING);
            assertThat(c.domainByName("fc4").info().memoryKiB()).isEqualTo(131072);
            assertThat(c.activeNetworkNames()).containsExactly("default", "private");
            assertThat(c.networkByName("private").bridgeName()).isEqualTo("brpriv");
        }
    }

    @Test
    void todaysNodeFiles() {
        try (Connection c = Jvirt.open("test://" + corpus("testdriver-v9.6.0/testnode.xml"))) {
            assertThat(c.activeDomainCount()).isEqualTo(3);
        }
        try (Connection c = Jvirt.open("test://" + corpus("testdriver-v9.6.0/testnodeinline.xml"))) {
            assertThat(c.domainByName("fc5").info().state()).isEqualTo(DomainState.PAUSED);
            assertThat(c.domainByName("fv0").info().vcpus()).isEqualTo(4);
            assertThat(c.activeNetworkNames()).containsExactly("default", "private");
        }
    }

    @Test
    void eachFileConnectionHasItsOwnNode(@TempDir Path dir) throws IOException {
        Path file = libvirt044NodeFileCopy(dir);
        try (Connection a = Jvirt.open("test://" + file); Connection b = Jvirt.open("test://" + file)) {
            a.domainByName("fv0").destroy();
            assertThat(b.domainByName("fv0").info().state()).isEqualTo(DomainState.RUNNING);
        }
    }

    @Test
    void brokenNodeFiles(@TempDir Path dir) throws IOException {
        Path notNode = Files.writeString(dir.resolve("a.xml"), "<domain/>");
        assertThatThrownBy(() -> Jvirt.open("test://" + notNode)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR));
        Path missingInclude = Files.writeString(dir.resolve("b.xml"), "<node><domain file='nope.xml'/></node>");
        assertThatThrownBy(() -> Jvirt.open("test://" + missingInclude)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.getMessage()).contains("nope.xml"));
        Path badCpu = Files.writeString(dir.resolve("c.xml"), "<node><cpu><nodes>-4</nodes></cpu></node>");
        assertThatThrownBy(() -> Jvirt.open("test://" + badCpu)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR));
        Path malformed = Files.writeString(dir.resolve("d.xml"), "<node><cpu>");
        assertThatThrownBy(() -> Jvirt.open("test://" + malformed)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR));
    }
}
