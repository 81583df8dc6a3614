package org.jvirt.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.jvirt.api.Operation;
import org.jvirt.spi.DriverOperations;
import org.junit.jupiter.api.Test;

/** The index the build wrote says what the SPI's annotations say. */
class DeclarationIndexTest {

    @Test
    void theBuiltIndexIsTheAnnotations() {
        assertThat(DeclarationIndex.read()).isEqualTo(DeclarationIndex.fromAnnotations());
        assertThat(DeclarationIndex.read().keySet()).containsExactlyInAnyOrder(DriverOperations.class.getClasses());
    }

    @Test
    void everyOperationIsDeclaredByExactlyOneInterface() {
        assertThat(DeclarationIndex.byOperation(DeclarationIndex.read()).keySet())
                .isEqualTo(EnumSet.allOf(Operation.class));
    }

    @Test
    void theFormatIsOneSortedLinePerInterface() {
        String text = DeclarationIndex.format(DeclarationIndex.fromAnnotations());
        assertThat(text).contains("DomainSuspendResume DOMAIN_SUSPEND DOMAIN_RESUME\n");
        assertThat(text.lines()).isSorted().hasSize(DriverOperations.class.getClasses().length);
    }

    @Test
    void aDriverDeclaresWhatItsInterfacesDeclare() {
        abstract class Pausing implements DriverOperations.DomainSuspendResume {
        }
        assertThat(DeclaredOperations.of(Pausing.class))
                .isEqualTo(Set.of(Operation.DOMAIN_SUSPEND, Operation.DOMAIN_RESUME));
        assertThat(DeclaredOperations.interfaceOf(Operation.DOMAIN_RESUME))
                .isEqualTo(DriverOperations.DomainSuspendResume.class);
    }

    @Test
    void aStaleOrDamagedIndexIsRefusedNamingTheProblem() {
        assertThatThrownBy(() -> DeclarationIndex.parse("NoSuchInterface DOMAIN_SUSPEND\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("stale")
                .hasMessageContaining("NoSuchInterface");
        assertThatThrownBy(() -> DeclarationIndex.parse("DomainSuspendResume DOMAIN_SUSPEND NO_SUCH_OP\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("NO_SUCH_OP");
        assertThatThrownBy(() -> DeclarationIndex.parse("DomainSuspendResume DOMAIN_SUSPEND\nDomainSuspendResume\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> DeclarationIndex.parse(" DOMAIN_SUSPEND\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("stale");
        String whole = DeclarationIndex.format(DeclarationIndex.fromAnnotations());
        assertThat(DeclarationIndex.parse(whole)).isEqualTo(DeclarationIndex.fromAnnotations());
        String midWord = whole.substring(0, whole.indexOf("DOMAIN_SUSPEND") + 3);
        assertThatThrownBy(() -> DeclarationIndex.parse(midWord))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("DOM");
        String wholeLines = whole.substring(0, whole.indexOf("DomainSuspendResume"));
        assertThatThrownBy(() -> DeclarationIndex.parse(wholeLines))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("lacks");
        assertThatThrownBy(() -> DeclarationIndex.parse(""))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("lacks");
    }
}
