package org.jvirt.xen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainListFilter;
import org.jvirt.api.DomainState;
import org.jvirt.api.XmlFlag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each routing rule of the xen:/// composition reaches the driver it names, on a host of the four real
 * drivers ({@link XenRig}): what each peer was asked is counted — xend's HTTP requests, the simulated
 * hypervisor's hypercalls, the xm directory's files.
 */
class XenRoutingTest {
    @TempDir
    Path dir;

    static final String PV = """
            <domain type='xen'>
              <name>NAME</name>
              <memory>131072</memory>
              <vcpu>2</vcpu>
              <os><type>linux</type><kernel>/boot/vmlinuz-xen</kernel></os>
              <devices>
                <disk type='file' device='disk'><source file='/var/lib/xen/NAME.img'/><target dev='xvda'/></disk>
              </devices>
            </domain>
            """;

    private static int posts(XenRig rig) {
        return (int) rig.xend.requests.stream().filter(r -> r.startsWith("POST")).count();
    }

    @Test
    void readsAskTheHypervisorAndChangesAskXendFirst() throws Exception {
        try (XenRig rig = new XenRig(dir, 4); Connection conn = rig.open()) {
            Domain d = conn.createDomain(PV.replace("NAME", "web"));
            assertThat(rig.xen.domain(d.id())).as("xend's toolstack made it in the hypervisor").isNotNull();

            int xendBefore = rig.xend.requests.size();
            int calls = rig.xen.totalCalls();
            assertThat(d.info().state()).isEqualTo(DomainState.RUNNING);
            assertThat(d.info().memoryKiB()).isEqualTo(131072);
            assertThat(rig.xend.requests).as("info: the hypervisor answers, xend is not asked").hasSize(xendBefore);
            assertThat(rig.xen.totalCalls()).isGreaterThan(calls);

            int pauses = rig.xen.calls("XEN_DOMCTL_pausedomain");
            d.suspend();
            assertThat(rig.xend.requests).as("suspend: xend first").contains("POST /xend/domain/web");
            assertThat(rig.xen.calls("XEN_DOMCTL_pausedomain")).as("the hypervisor only as a last resort")
                    .isEqualTo(pauses);
            assertThat(d.info().state()).as("and the hypervisor sees it").isEqualTo(DomainState.PAUSED);
            d.resume();
            assertThat(d.info().state()).isEqualTo(DomainState.RUNNING);

            int destroys = rig.xen.calls("XEN_DOMCTL_destroydomain");
            int id = d.id();
            d.destroy();
            assertThat(rig.xen.calls("XEN_DOMCTL_destroydomain")).as("destroy: xend, not the hypervisor")
                    .isEqualTo(destroys);
            assertThat(rig.xen.domain(id)).as("xend's toolstack took it out of the hypervisor").isNull();
        }
    }

    @Test
    void namesComeFromTheDriversThatKnowThemAndTheHypervisorAloneServesItsOwn() throws Exception {
        try (XenRig rig = new XenRig(dir, 4); Connection conn = rig.open()) {
            Domain d = conn.createDomain(PV.replace("NAME", "named"));
            assertThat(conn.domainById(d.id()).name()).isEqualTo("named");
            assertThat(conn.domainByUuid(d.uuid()).name()).isEqualTo("named");
            assertThat(conn.domainByName("named").id()).isEqualTo(d.id());
            assertThat(conn.listAllDomains()).extracting(Domain::name).containsExactlyInAnyOrder("Domain-0", "named");

            int xendBefore = rig.xend.requests.size();
            int calls = rig.xen.totalCalls();
            assertThat(conn.freeMemory()).isPositive();
            assertThat(conn.maxVcpus("xen")).isPositive();
            assertThat(d.blockStats("xvda").readRequests()).isZero();
            assertThat(rig.xend.requests).as("free memory, max vCPUs, disk statistics: the hypervisor alone")
                    .hasSize(xendBefore);
            assertThat(rig.xen.totalCalls()).isGreaterThan(calls);
        }
    }

    /**
     * Xen 4.5 on (no xend; the real Xen 4.17 of xen-real shows the same): a guest {@code xl create} started is
     * named by XenStore wherever it is found, and, having no xm file, is transient and not autostarted, as libvirt's
     * xen:/// said ("if the XM driver can see the guest, it is definitely persistent") — so every filter of
     * listAllDomains can be asked of it, beside a domain xm keeps.
     */
    @Test
    void withoutXendAGuestXlStartedIsNamedByXenstoreAndTransient() throws Exception {
        try (XenRig rig = new XenRig(dir, 4); Connection conn = rig.openWithoutXend()) {
            UUID uuid = UUID.fromString("5f0c1a2e-7e2b-4f6a-9d1c-2b7e0a3c4d5e");
            rig.xlCreate(7, "xl-guest", uuid, 128, 2);
            Domain kept = conn.defineDomain(PV.replace("NAME", "kept"));

            assertThat(conn.domainByUuid(uuid).name()).as("by UUID: XenStore names it, not the hypervisor")
                    .isEqualTo("xl-guest");
            assertThat(conn.domainById(7).name()).isEqualTo("xl-guest");
            Domain guest = conn.domainByName("xl-guest");
            assertThat(guest.isActive()).isTrue();
            assertThat(guest.isPersistent()).as("no xm file: transient").isFalse();
            assertThat(guest.autostart()).isFalse();
            assertThat(kept.isPersistent()).isTrue();

            assertThat(conn.listAllDomains(DomainListFilter.TRANSIENT)).extracting(Domain::name)
                    .containsExactlyInAnyOrder("Domain-0", "xl-guest");
            assertThat(conn.listAllDomains(DomainListFilter.PERSISTENT)).extracting(Domain::name)
                    .containsExactly("kept");
            assertThat(conn.listAllDomains(DomainListFilter.ACTIVE)).extracting(Domain::name)
                    .containsExactlyInAnyOrder("Domain-0", "xl-guest");
            assertThat(conn.listAllDomains(DomainListFilter.INACTIVE)).extracting(Domain::name)
                    .containsExactly("kept");
            assertThat(conn.listAllDomains(DomainListFilter.NO_AUTOSTART)).extracting(Domain::name)
                    .containsExactlyInAnyOrder("Domain-0", "xl-guest", "kept");
            assertThat(rig.xend.requests).as("xend is not part of this connection").isEmpty();
        }
    }

    @Test
    void beforeXend304InactiveDomainsAreXmsAndStartThroughXend() throws Exception {
        try (XenRig rig = new XenRig(dir, 2); Connection conn = rig.open()) {
            Domain kept = conn.defineDomain(PV.replace("NAME", "kept"));
            assertThat(rig.xmDir.resolve("kept.cfg")).exists();
            assertThat(posts(rig)).as("define: xm, not xend").isZero();
            assertThat(kept.xmlDesc(XmlFlag.INACTIVE)).contains("<kernel>/boot/vmlinuz-xen</kernel>");
            assertThat(conn.definedDomainNames()).containsExactly("kept");

            kept.start();
            Domain running = conn.domainByName("kept");
            assertThat(running.isActive()).isTrue();
            assertThat(rig.xen.domain(running.id())).as("started through xend, running in the hypervisor").isNotNull();
            assertThat(conn.listAllDomains()).extracting(Domain::name).as("listed once, though two drivers know it")
                    .containsExactlyInAnyOrder("Domain-0", "kept");
            running.destroy();
            assertThat(conn.domainByName("kept").isActive()).isFalse();
            assertThat(Files.readString(rig.xmDir.resolve("kept.cfg"))).contains("name = \"kept\"");
        }
    }

    @Test
    void fromXend304XendKeepsTheInactiveDomains() throws Exception {
        try (XenRig rig = new XenRig(dir, 4); Connection conn = rig.open()) {
            Domain kept = conn.defineDomain(PV.replace("NAME", "kept"));
            assertThat(rig.xmDir.resolve("kept.cfg")).doesNotExist();
            assertThat(rig.xend.requests).contains("POST /xend/domain/");
            assertThat(kept.xmlDesc(XmlFlag.INACTIVE)).contains("<name>kept</name>");
            kept.start();
            assertThat(conn.domainByName("kept").info().state()).isEqualTo(DomainState.RUNNING);
            assertThat(List.of(rig.xmDir.toFile().list())).doesNotContain("kept.cfg");
        }
    }
}
