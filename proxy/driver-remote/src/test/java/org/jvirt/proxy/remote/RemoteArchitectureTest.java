package org.jvirt.proxy.remote;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md's rules for the remote driver, which the architecture module does not import (the proxy is
 * built only where libvirt's .x files are): a driver depends on core-api and its own libraries (here libvirt's
 * protocol) alone, has no package cycles, throws no generic exceptions.
 */
class RemoteArchitectureTest {
    private static final JavaClasses REMOTE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.jvirt.proxy.remote");

    @Test
    void dependsOnCoreApiAndTheProtocolAlone() {
        classes().that().resideInAPackage("org.jvirt.proxy.remote..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.jvirt.api..", "org.jvirt.model..",
                        "org.jvirt.spi..", "org.jvirt.proxy.protocol..", "org.jvirt.proxy.remote..")
                .check(REMOTE);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.jvirt.proxy.(**)").should().beFreeOfCycles().check(REMOTE);
    }

    @Test
    void noGenericExceptionsThrown() {
        GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.check(REMOTE);
    }
}
