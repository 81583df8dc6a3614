package org.jvirt.driver.xenstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.driver.xenstore.testing.Guest;
import org.jvirt.driver.xenstore.testing.RealXenstored;
import org.jvirt.driver.xenstore.testing.Toolstack;
import org.jvirt.driver.xenstore.wire.XenstoreClient;

/** What the store tells beyond the SPI's operations: consoles, VNC ports, device ids; and how UUIDs are read. */
class XenstoreDomainsTest {
    static final Guest PV = Guest.pv(3, "pv");
    static final Guest HVM = Guest.hvm(5, "hvm");

    @TempDir
    static Path dir;
    static RealXenstored xenstored;
    static XenstoreClient store;
    static XenstoreDomains domains;

    @BeforeAll
    static void populate() {
        xenstored = RealXenstored.start(dir);
        store = XenstoreClient.connect(xenstored.socket(), Duration.ofSeconds(5));
        Toolstack xl = new Toolstack(store);
        xl.dom0();
        xl.create(PV);
        xl.create(HVM);
        domains = new XenstoreDomains(store);
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.close();
        }
        if (xenstored != null) {
            xenstored.close();
        }
    }

    @Test
    void consolesAndVncPorts() {
        assertThat(domains.consoleTty(3)).contains("/dev/pts/13");
        assertThat(domains.vncPort(5)).hasValue(5905);
        assertThat(domains.vncPort(3)).as("a paravirtualised guest without a VNC console").isEmpty();
        assertThat(domains.consoleTty(77)).isEmpty();
        store.write("/local/domain/5/console/vnc-port", "none");
        try {
            assertThat(domains.vncPort(5)).as("what is no port number is none").isEmpty();
        } finally {
            store.write("/local/domain/5/console/vnc-port", "5905");
        }
    }

    @Test
    void interfacesAreFoundByTheirMacAddress() {
        assertThat(domains.interfaceDeviceId(3, "00:16:3e:00:03:01")).contains("0");
        assertThat(domains.interfaceDeviceId(3, "0:16:3E:0:3:1")).as("compared as addresses").contains("0");
        assertThat(domains.interfaceDeviceId(3, "00:16:3e:00:03:02")).isEmpty();
        assertThat(domains.interfaceDeviceId(3, "not a mac")).isEmpty();
        assertThat(domains.interfaceDeviceId(77, "00:16:3e:00:03:01")).isEmpty();
    }

    @Test
    void disksAreFoundByTheirGuestDevice() {
        assertThat(domains.diskDeviceId(3, "xvda")).contains("51712");
        assertThat(domains.diskDeviceId(5, "hdc")).contains("51728");
        assertThat(domains.diskDeviceId(5, "xvda")).isEmpty();
        assertThat(domains.diskDeviceId(5, "")).isEmpty();
        store.write("/local/domain/0/backend/qdisk/5/768/dev", "hdb");
        try {
            assertThat(domains.diskDeviceId(5, "hdb")).as("libxl's QEMU back end").contains("768");
        } finally {
            store.rm("/local/domain/0/backend/qdisk");
        }
    }

    @Test
    void aUuidComesFromTheVmPathElseFromItsUuidNode() {
        assertThat(domains.uuid(3)).contains(PV.uuid());
        UUID u = UUID.fromString("4dea22b3-1d52-d8f3-2516-782e98ab3fa0");
        store.write("/local/domain/20/name", "renamed-vm");
        store.write("/local/domain/20/vm", "/vm/" + u + "-1");
        store.write("/vm/" + u + "-1/uuid", u.toString());
        store.write("/local/domain/21/name", "no-vm");
        try {
            assertThat(domains.uuid(20)).as("a vm path with a suffix").contains(u);
            assertThat(domains.uuid(21)).as("no vm path, and not dom0").isEmpty();
            assertThat(domains.uuid(0)).contains(XenstoreDomains.DOM0_UUID);
            assertThat(domains.list().incomplete()).containsExactly(21);
        } finally {
            store.rm("/local/domain/20");
            store.rm("/local/domain/21");
            store.rm("/vm/" + u + "-1");
        }
    }

    @Test
    void uuidsAndMacsAreParsedAsLibvirtDid() {
        UUID u = UUID.fromString("4dea22b3-1d52-d8f3-2516-782e98ab3fa0");
        assertThat(XenstoreDomains.parseUuid("4dea22b3-1d52-d8f3-2516-782e98ab3fa0")).contains(u);
        assertThat(XenstoreDomains.parseUuid("4DEA22B31D52D8F32516782E98AB3FA0")).contains(u);
        assertThat(XenstoreDomains.parseUuid("4dea22b3-1d52-d8f3-2516-782e98ab3fa")).isEmpty();
        assertThat(XenstoreDomains.parseUuid("4dea22b3-1d52-d8f3-2516-782e98ab3fzz")).isEmpty();
        assertThat(XenstoreDomains.parseMac("0:16:3e:a:b:c")).containsExactly(0, 0x16, 0x3e, 0xa, 0xb, 0xc);
        assertThat(XenstoreDomains.parseMac("00:16:3e:0a:0b")).isNull();
        assertThat(XenstoreDomains.parseMac("00:16:3e:0a:0b:100")).isNull();
        assertThat(XenstoreDomains.domainId("12")).isEqualTo(12);
        for (String notAnId : List.of("", "-1", "1a", "tools", "1234567890")) {
            assertThat(XenstoreDomains.domainId(notAnId)).as(notAnId).isEqualTo(-1);
        }
    }
}
