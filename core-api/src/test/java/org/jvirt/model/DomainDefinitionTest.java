package org.jvirt.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.junit.jupiter.api.Test;

class DomainDefinitionTest {

    @Test
    void valuesAreEqualByContent() {
        DomainDefinition a = DomainXmlFormatTest.testDomain();
        DomainDefinition b = DomainXmlFormatTest.testDomain();

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotSameAs(b);
        assertThat(a.toBuilder().build()).isEqualTo(a);
        assertThat(a.toBuilder().name("other").build()).isNotEqualTo(a);
    }

    @Test
    void builderDefaultsAreLibvirts() {
        DomainDefinition d = DomainDefinition.builder().type("test").name("d").memoryKiB(1024).build();

        assertThat(d.vcpus()).isEqualTo(1);
        assertThat(d.currentVcpus()).isEqualTo(1);
        assertThat(d.vcpuPlacement()).isEqualTo("static");
        assertThat(d.currentMemoryKiB()).isEqualTo(1024);
        assertThat(d.clock()).isEqualTo(DomainClock.UTC);
        assertThat(d.onPoweroff()).isEqualTo("destroy");
        assertThat(d.onReboot()).isEqualTo("restart");
        assertThat(d.onCrash()).isEqualTo("destroy");
        assertThat(d.uuid()).isNull();
        assertThat(d.os()).isNull();
        assertThat(d.devices()).isEmpty();
        assertThat(d.unknowns().isEmpty()).isTrue();
    }

    @Test
    void raisingTheMaximumRaisesCurrentOnlyWhenItWasTheMaximum() {
        DomainDefinition full = DomainDefinition.builder().type("test").name("d").memoryKiB(1024).vcpus(2).build();
        DomainDefinition partial = full.toBuilder().currentMemoryKiB(512).currentVcpus(1).build();

        DomainDefinition fullRaised = full.toBuilder().memoryKiB(4096).vcpus(4).build();
        DomainDefinition partialRaised = partial.toBuilder().memoryKiB(4096).vcpus(4).build();

        assertThat(fullRaised.currentMemoryKiB()).isEqualTo(4096);
        assertThat(fullRaised.currentVcpus()).isEqualTo(4);
        assertThat(partialRaised.currentMemoryKiB()).isEqualTo(512);
        assertThat(partialRaised.currentVcpus()).isEqualTo(1);
        assertThat(partial.toBuilder().memoryKiB(256).build().currentMemoryKiB()).as("clamped").isEqualTo(256);
    }

    @Test
    void builderRefusesInvalidDefinitions() {
        assertThat(error(DomainDefinition.builder().type("test")).code()).isEqualTo(ErrorCode.NO_NAME);
        assertThat(error(DomainDefinition.builder().name("d")).code()).isEqualTo(ErrorCode.INVALID_ARG);
        assertThat(error(DomainDefinition.builder().type("t").name("a/b")).code()).isEqualTo(ErrorCode.INVALID_ARG);
        assertThat(error(DomainDefinition.builder().type("t").name("d").memoryKiB(-1)).code())
                .isEqualTo(ErrorCode.INVALID_ARG);
        assertThat(error(DomainDefinition.builder().type("t").name("d").vcpus(0)).code())
                .isEqualTo(ErrorCode.INVALID_ARG);
        assertThat(error(DomainDefinition.builder().type("t").name("d").vcpus(2).currentVcpus(3)).code())
                .isEqualTo(ErrorCode.INVALID_ARG);
        assertThat(error(DomainDefinition.builder().type("t").name("d").clock(null)).code())
                .isEqualTo(ErrorCode.INVALID_ARG);
        assertThatThrownBy(() -> InterfaceDevice.builder().mac("nope").build())
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG));
        assertThatThrownBy(() -> CharDevice.builder("disk").build()).isInstanceOf(VirtException.class);
    }

    @Test
    void devicesByKindAndFeatures() {
        DomainDefinition d = DomainXmlFormatTest.testDomain().toBuilder().feature("pae").feature("acpi").build();

        assertThat(d.devices(DiskDevice.class)).extracting(DiskDevice::targetDev).containsExactly("vda");
        assertThat(d.devices(InterfaceDevice.class)).extracting(InterfaceDevice::mac)
                .containsExactly("aa:bb:cc:dd:ee:ff");
        assertThat(d.devices(Device.class)).hasSize(3);
        assertThat(d.featureNames()).containsExactly("acpi", "pae");
        assertThat(d.hasFeature("pae")).isTrue();
        assertThat(d.hasFeature("hap")).isFalse();
    }

    @Test
    void toStringIsTheXmlWithoutSecrets() {
        assertThat(DomainXmlFormatTest.testDomain().toString()).startsWith("<domain type='test'>\n");
    }

    private static VirtException error(DomainDefinition.Builder b) {
        try {
            b.build();
        } catch (VirtException e) {
            return e;
        }
        throw new AssertionError("build() should have failed");
    }
}
