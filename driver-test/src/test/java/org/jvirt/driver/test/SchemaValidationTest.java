package org.jvirt.driver.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jvirt.api.Connection;
import org.jvirt.api.DefineFlag;
import org.jvirt.api.Domain;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.jvirt.core.Jvirt;
import org.jvirt.core.schema.SchemaValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The VALIDATE flag checks documents against libvirt's own RelaxNG schemas; what jvirt writes passes them. */
class SchemaValidationTest {
    private Connection conn;

    @BeforeEach
    void open() {
        boolean required = System.getenv("JVIRT_REQUIRE_PEERS") != null;
        if (!required) {
            Assumptions.assumeTrue(SchemaValidator.schemaDirectory() != null,
                    "libvirt's RelaxNG schemas not found (install libvirt0 or provide ../shared/libvirt-corpus)");
        }
        conn = Jvirt.open("test:///default");
    }

    @AfterEach
    void close() {
        if (conn != null) {
            conn.close();
        }
    }

    @Test
    void aValidDocumentIsDefined() {
        Domain d = conn.defineDomain(LifecycleTest.T2, DefineFlag.VALIDATE);
        assertThat(d.name()).isEqualTo("t2");
    }

    @Test
    void anInvalidDocumentIsRefusedAndNothingChanges() {
        String invalid = LifecycleTest.T2.replace("<vcpu>2</vcpu>", "<vcpu>2</vcpu><frobnicate/>");
        assertThatThrownBy(() -> conn.defineDomain(invalid, DefineFlag.VALIDATE))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.XML_INVALID_SCHEMA);
                    assertThat(e.getMessage()).startsWith("XML document failed to validate against schema: 't2'")
                            .contains("line ");
                });
        assertThat(conn.listAllDomains()).hasSize(1);
        // Without the flag the unknown element is kept, not refused.
        assertThat(conn.defineDomain(invalid).xmlDesc()).contains("<frobnicate/>");
    }

    @Test
    void everythingTheTestDriverWritesMatchesLibvirtsSchemas() {
        SchemaValidator.validate("domain.rng", conn.domainByName("test").xmlDesc(), "test");
        SchemaValidator.validate("domain.rng", conn.defineDomain(LifecycleTest.T2).xmlDesc(), "t2");
        SchemaValidator.validate("network.rng", conn.networkByName("default").xmlDesc(), "default");
        SchemaValidator.validate("capability.rng", conn.capabilities(), "capabilities");
    }
}
