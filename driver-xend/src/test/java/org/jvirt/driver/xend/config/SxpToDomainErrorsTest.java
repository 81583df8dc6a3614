package org.jvirt.driver.xend.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.driver.xend.sexpr.Sexpr;
import org.jvirt.driver.xend.sexpr.SexprReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** xend documents that lack or garble what a definition needs: one clear error, never a partial definition. */
class SxpToDomainErrorsTest {
    private static final String PV = "(domain (domid 6)(name pvtest)(memory 420)(maxmem 420)(vcpus 2)"
            + "(uuid 596a5d2171f48fb2e068e2386a5c413e)%s(image (linux (kernel /boot/vmlinuz)))%s)";

    @Test
    void aWellFormedDocumentConverts() {
        assertThat(XendConfig.toDomain(pv("", ""), 2).name()).isEqualTo("pvtest");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "(vm (name x))                                                          | expected a (domain ...) document, got (vm (name x))",
        "(domain (domid 1)(memory 4)(vcpus 1)(uuid 596a5d2171f48fb2e068e2386a5c413e)) | domain information incomplete, missing name",
        "(domain (domid 1)(name x)(memory 4)(vcpus 1))                         | domain information incomplete, missing uuid",
        "(domain (domid 1)(name x)(vcpus 1)(uuid 596a5d2171f48fb2e068e2386a5c413e)) | domain information incomplete, missing memory",
        "(domain (domid 1)(name x)(memory 4)(uuid 596a5d2171f48fb2e068e2386a5c413e)) | domain information incomplete, missing vcpus",
        "(domain (name x)(memory 4)(vcpus 1)(uuid 596a5d2171f48fb2e068e2386a5c413e)) | domain information incomplete, missing id",
        "(domain (domid one)(name x)(memory 4)(vcpus 1)(uuid 596a5d2171f48fb2e068e2386a5c413e)) | domain/domid 'one' is not a number",
        "(domain (domid 1)(name x)(memory 4M)(vcpus 1)(uuid 596a5d2171f48fb2e068e2386a5c413e)) | domain/memory '4M' is not a number",
        "(domain (domid 1)(name x)(memory (4))(vcpus 1)(uuid 596a5d2171f48fb2e068e2386a5c413e)) | domain/memory holds a list, (4), where a value belongs",
        "(domain (domid 1)(name x)(memory 4)(vcpus -2)(uuid 596a5d2171f48fb2e068e2386a5c413e)) | domain/vcpus -2 is out of range",
        "(domain (domid 1)(name x)(memory 4)(vcpus 1)(uuid 596a5d21-71f4))    | uuid '596a5d21-71f4' is not a UUID",
        "(domain (domid 1)(name x)(memory 4)(vcpus 1)(uuid 596a5d2171f48fb2e068e2386a5c413e)(image (linux (ramdisk /i)))) | missing kernel & bootloader",
        "(domain (domid 1)(name x)(memory 4)(vcpus 1)(uuid 596a5d2171f48fb2e068e2386a5c413e)(image (hvm (boot c)))) | missing HVM loader",
        "(domain (domid 1)(name x)(memory 4)(vcpus 1)(uuid 596a5d2171f48fb2e068e2386a5c413e)(image (hvm (kernel /l)(acpi yes)))) | domain/image/hvm/acpi 'yes' is not a number",
        "(domain (domid 1)(name x)(memory 4)(vcpus 1)(uuid 596a5d2171f48fb2e068e2386a5c413e)(image (hvm (kernel /l)(serial foo:bar)))) | unknown char device type of 'foo:bar'",
        "(domain (domid 1)(name x)(memory 4)(vcpus 1)(uuid 596a5d2171f48fb2e068e2386a5c413e)(image (hvm (kernel /l)(serial tcp:9999)))) | malformed char device string 'tcp:9999'",
        "(domain (domid 1)(name x)(memory 4)(vcpus 1)(uuid 596a5d2171f48fb2e068e2386a5c413e)(image (hvm (kernel /l)(serial udp:h:1@h)))) | malformed char device string 'udp:h:1@h'",
    })
    void incompleteOrGarbledDocuments(String sxp, String message) {
        assertIncorrect(SexprReader.read(sxp), 2, message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "(device (vbd (uname file:/x)(mode w)))        | missing dev of vbd",
        "(device (vbd (dev xvda)(mode w)))             | missing src (uname) of vbd 'xvda'",
        "(device (vbd (dev xvda)(uname /x)(mode w)))   | cannot parse vbd filename '/x', missing driver name",
        "(device (tap (dev xvda)(uname tap:/x)(mode w))) | cannot parse vbd filename 'tap:/x', missing driver type",
        "(device (vfb (type vnc)(vncdisplay x)))        | vncdisplay 'x' is not a display number",
    })
    void garbledDevices(String device, String message) {
        assertIncorrect(pv("", device), 2, message);
    }

    @Test
    void aCdromWithoutSourceIsOnlyAnHvmGuests() {
        assertIncorrect(pv("", "(device (vbd (dev hdc:cdrom)(mode r)))"), 2, "missing src (uname) of vbd 'hdc:cdrom'");
    }

    @Test
    void inactiveDomainsHaveNoIdFromXend304() {
        Sexpr inactive = SexprReader.read("(domain (name x)(memory 64)(maxmem 64)(vcpus 1)"
                + "(uuid 596a5d2171f48fb2e068e2386a5c413e)(image (linux (kernel /k))))");
        assertThat(XendConfig.toDomain(inactive, 3).name()).isEqualTo("x");
        assertThat(XendConfig.domainId(inactive)).isEqualTo(-1);
        assertThat(XendConfig.domainId(pv("", ""))).isEqualTo(6);
    }

    @Test
    void versionsStartAtOne() {
        assertThatThrownBy(() -> XendConfig.toDomain(pv("", ""), 0)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG));
    }

    @Test
    void whatLibvirt9RefusesIsRefused() {
        // A lifecycle action libvirt 9 does not know: the model's own error.
        assertThatThrownBy(() -> XendConfig.toDomain(pv("(on_crash explode)", ""), 2))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR))
                .hasMessageContaining("explode");
    }

    private static Sexpr pv(String top, String devices) {
        return SexprReader.read(String.format(PV, top, devices));
    }

    private static void assertIncorrect(Sexpr sxp, int version, String message) {
        assertThatThrownBy(() -> XendConfig.toDomain(sxp, version)).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
            assertThat(e.domain()).isEqualTo(ErrorDomain.XEND);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
