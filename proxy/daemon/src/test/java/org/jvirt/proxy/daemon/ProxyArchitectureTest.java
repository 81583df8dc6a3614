package org.jvirt.proxy.daemon;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md's rules for the proxy modules, which the architecture module cannot see (they are built
 * only where libvirt's .x files are): the protocol knows nothing of jvirt's core, the daemon reaches
 * drivers only through the core's API, and neither has package cycles or throws generic exceptions.
 */
class ProxyArchitectureTest {
    private static final JavaClasses PROXY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar")) // proxy/protocol's test-jar
            .importPackages("org.jvirt.proxy");

    @Test
    void theProtocolHasNoDependencyOnTheCore() {
        classes().that().resideInAPackage("org.jvirt.proxy.protocol..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.jvirt.proxy.protocol..")
                .check(PROXY);
    }

    @Test
    void theDaemonReachesDriversOnlyThroughTheApi() {
        noClasses().that().resideInAPackage("org.jvirt.proxy.daemon..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jvirt.driver..", "org.jvirt.spi..", "org.jvirt.xen..",
                        "org.jvirt.cli..")
                .check(PROXY);
        // the core is opened in one place, the composition root
        noClasses().that().resideInAPackage("org.jvirt.proxy.daemon..").and().doNotHaveSimpleName("JvirtdModule")
                .should().dependOnClassesThat().resideInAPackage("org.jvirt.core..")
                .check(PROXY);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.jvirt.proxy.(**)").should().beFreeOfCycles().check(PROXY);
    }

    @Test
    void noGenericExceptionsThrown() {
        GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.check(PROXY);
    }
}
