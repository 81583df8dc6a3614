package org.jvirt.driver.xend.sexpr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The look-ups of libvirt's sexpr.c: sexpr_lookup_key, sexpr_lookup, sexpr_has, sexpr_node. */
class SexprListTest {
    private final SexprList domain = (SexprList) SexprReader.read("(domain (domid 3) (name fvtest) (bootloader)"
            + " (image (hvm (kernel /usr/lib/xen/boot/hvmloader) (usbdevice mouse) (usbdevice tablet)))"
            + " (memory (1 2)) (empty) (device (vbd (dev hda))) (device (vif (mac 00:16:3e:1b:b1:47)))"
            + " (device (vbd (dev hdc:cdrom))))");

    @Test
    void valueFollowsAPathOfFirstChildListsByName() {
        assertThat(domain.value("domain/name")).contains("fvtest");
        assertThat(domain.value("domain/image/hvm/kernel")).contains("/usr/lib/xen/boot/hvmloader");
        assertThat(domain.value("domain/image/hvm/usbdevice")).contains("mouse");
        assertThat(domain.value("domain/device/vbd/dev")).contains("hda");
    }

    @Test
    void thePathsFirstNameIsTheDocumentsOwn() {
        assertThat(domain.value("vm/name")).isEmpty();
        assertThat(domain.value("name")).isEmpty();
    }

    @Test
    void anEntryWithoutValueIsThereButHasNone() {
        assertThat(domain.has("domain/bootloader")).isTrue();
        assertThat(domain.lookup("domain/bootloader")).isEmpty();
        assertThat(domain.value("domain/bootloader")).isEmpty();
        assertThat(domain.has("domain/on_crash")).isFalse();
    }

    @Test
    void aListIsNoValue() {
        assertThat(domain.lookup("domain/memory")).isPresent();
        assertThat(domain.value("domain/memory")).isEmpty();
    }

    @Test
    void entriesListsEveryChildOfAName() {
        assertThat(domain.entries("device")).hasSize(3);
        assertThat(domain.entries("device").stream().filter(d -> d.has("device/vbd")).count()).isEqualTo(2);
        assertThat(domain.find("domain/image/hvm").orElseThrow().entries("usbdevice")).hasSize(2);
        assertThat(domain.entries("nothing")).isEmpty();
    }

    @Test
    void nameIsTheFirstAtom() {
        assertThat(domain.name()).contains("domain");
        assertThat(((SexprList) SexprReader.read("((a) b)")).name()).isEmpty();
        assertThat(((SexprList) SexprReader.read("()")).name()).isEmpty();
    }
}
