package org.jvirt.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.Operation;
import org.jvirt.spi.Driver;
import org.jvirt.spi.DriverOperations;
import org.jvirt.spi.FlaggedBinding;
import org.jvirt.spi.OperationBinding;
import org.junit.jupiter.api.Test;

/** The rules of ARCHITECTURE.md, checked over the compiled classes of every jvirt jar. */
class ArchitectureRulesTest {
    private static final JavaClasses JVIRT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.jvirt");

    @Test
    void theImportSeesEveryModule() {
        Set<String> packages = JVIRT.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
        assertThat(packages).contains("org.jvirt.api", "org.jvirt.model", "org.jvirt.spi", "org.jvirt.core",
                "org.jvirt.driver.test", "org.jvirt.driver.qemu", "org.jvirt.driver.xend", "org.jvirt.driver.xm",
                "org.jvirt.driver.hypercall", "org.jvirt.driver.xenstore",
                "org.jvirt.xen", "org.jvirt.cli");
    }

    /** JNA is the design's one native bridge, and the hypercall driver's alone. */
    @Test
    void onlyTheHypercallDriverReachesNativeCode() {
        noClasses().that().resideOutsideOfPackage("org.jvirt.driver.hypercall..")
                .should().dependOnClassesThat().resideInAPackage("com.sun.jna..")
                .check(JVIRT);
    }

    /** A composition is data over the SPI: it names drivers, it never reaches one or the core. */
    @Test
    void compositionsDependOnTheSpiAlone() {
        classes().that().resideInAPackage("org.jvirt.xen..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.jvirt.api..", "org.jvirt.spi..",
                        "org.jvirt.xen..")
                .check(JVIRT);
    }

    /** Rule 1: core-api depends on the JDK alone, so its SPI signatures carry no third-party type. */
    @Test
    void coreApiDependsOnTheJdkAlone() {
        classes().that().resideInAnyPackage("org.jvirt.api..", "org.jvirt.model..", "org.jvirt.spi..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "javax.xml..", "org.xml.sax..", "org.w3c.dom..",
                        "org.jvirt.api..", "org.jvirt.model..", "org.jvirt.spi..")
                .check(JVIRT);
    }

    /** Rule 2: a driver sees core-api and its own libraries — never core-impl, never another driver. */
    @Test
    void driversDependOnlyOnCoreApi() {
        noClasses().that().resideInAPackage("org.jvirt.driver..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jvirt.core..", "org.jvirt.cli..")
                .check(JVIRT);
        slices().matching("org.jvirt.driver.(*)..").should().notDependOnEachOther().check(JVIRT);
    }

    /** Rule 2, the other side: the API and the core reach drivers only through the SPI. */
    @Test
    void nobodyButTheClassPathReachesADriver() {
        noClasses().that().resideOutsideOfPackage("org.jvirt.driver..")
                .should().dependOnClassesThat().resideInAPackage("org.jvirt.driver..")
                .check(JVIRT);
    }

    /**
     * Rule 3, the one source: the SPI's binding table binds every operation exactly once, to an
     * interface of DriverOperations and a method of it; every interface is bound; every abstract
     * method of an interface performs exactly one operation (but the lists of native formats a
     * converter serves); every default method is the declaration of the flags one operation
     * honours; flagged operations have flagged bindings.
     */
    @Test
    void theBindingTablePairsEveryOperationInterfaceAndMethodOnce() {
        Map<Operation, OperationBinding<?>> bound = new EnumMap<>(Operation.class);
        Set<String> declarations = new java.util.HashSet<>();
        Map<Class<?>, Set<String>> methodsBound = new java.util.HashMap<>();
        for (OperationBinding<?> b : DriverOperations.bindings()) {
            assertThat(bound.put(b.operation(), b)).as("%s bound twice", b.operation()).isNull();
            assertThat(b.declaredBy().getEnclosingClass()).as("%s's interface", b).isEqualTo(DriverOperations.class);
            methodsBound.computeIfAbsent(b.declaredBy(), c -> new java.util.HashSet<>()).add(b.method());
            assertThat(b instanceof FlaggedBinding<?, ?>).as("%s is flagged exactly when its operation takes flags", b)
                    .isEqualTo(b.operation().flagType() != null);
            if (b instanceof FlaggedBinding<?, ?> f) {
                assertThat(f.flagType()).as("flag type of %s", b).isEqualTo(b.operation().flagType());
                if (f.declaration() != null) {
                    Method declaration = assertDoesNotThrowReflectively(b.declaredBy(), f.declaration());
                    assertThat(declaration.isDefault()).as("%s.%s declares none unless overridden",
                            b.declaredBy().getSimpleName(), f.declaration()).isTrue();
                    assertThat(declaration.getGenericReturnType().getTypeName())
                            .as("%s.%s returns a set of %s", b.declaredBy().getSimpleName(), f.declaration(), f.flagType())
                            .isEqualTo("java.util.Set<" + f.flagType().getName() + ">");
                    declarations.add(b.declaredBy().getName() + "." + f.declaration());
                }
            }
        }
        assertThat(bound.keySet()).containsExactlyInAnyOrder(Operation.values());
        for (Class<?> iface : DriverOperations.class.getClasses()) {
            Set<String> performers = methodsBound.get(iface);
            assertThat(performers).as("bindings of %s", iface.getSimpleName()).isNotNull();
            // Besides performers, an interface may only declare what it serves: the native formats it converts.
            Set<String> abstractMethods = Arrays.stream(iface.getDeclaredMethods())
                    .filter(m -> !m.isDefault() && !java.lang.reflect.Modifier.isStatic(m.getModifiers()))
                    .filter(m -> !(m.getName().endsWith("NativeFormats") && m.getReturnType() == Set.class))
                    .map(Method::getName).collect(Collectors.toSet());
            Set<String> named = performers.stream().filter(n -> !n.isEmpty()).collect(Collectors.toSet());
            assertThat(abstractMethods).as("the methods of %s that perform its operations", iface.getSimpleName())
                    .isEqualTo(named);
            for (Method m : iface.getDeclaredMethods()) {
                if (m.isDefault()) {
                    assertThat(declarations).as("default method %s of %s is the flag declaration of a binding",
                            m.getName(), iface.getSimpleName()).contains(iface.getName() + "." + m.getName());
                }
            }
        }
    }

    private static Method assertDoesNotThrowReflectively(Class<?> iface, String method) {
        try {
            return iface.getMethod(method);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(iface.getSimpleName() + " has no method " + method + "() declaring its flags", e);
        }
    }

    /**
     * Rule 3: a driver declares exactly what it implements. Implementing an SPI interface is the
     * declaration; a driver class that has an operation's method without implementing its
     * interface implements something it does not declare.
     */
    static final ArchRule DECLARE_WHAT_YOU_IMPLEMENT = classes().that().implement(Driver.class).and().areNotInterfaces()
                .should(new ArchCondition<JavaClass>("declare every SPI operation they implement") {
                    @Override
                    public void check(JavaClass driver, ConditionEvents events) {
                        for (Class<?> iface : DriverOperations.class.getClasses()) {
                            if (driver.isAssignableTo(iface)) {
                                continue;
                            }
                            for (Method m : iface.getMethods()) {
                                for (JavaMethod own : driver.getMethods()) {
                                    if (own.getName().equals(m.getName()) && own.getModifiers().contains(JavaModifier.PUBLIC)
                                            && own.getRawParameterTypes().stream().map(JavaClass::getName).toList()
                                            .equals(Arrays.stream(m.getParameterTypes()).map(Class::getName).toList())) {
                                        events.add(SimpleConditionEvent.violated(driver, driver.getName() + " has "
                                                + m.getName() + " of " + iface.getSimpleName() + " without implementing it"));
                                    }
                                }
                            }
                        }
                    }
                })
                .allowEmptyShould(true);

    @Test
    void driversDeclareEveryOperationTheyImplement() {
        DECLARE_WHAT_YOU_IMPLEMENT.check(JVIRT);
    }

    /** The rule above can fail: a driver with suspend() but not DomainSuspendResume violates it. */
    @Test
    void aDriverImplementingAnUndeclaredOperationIsCaught() {
        JavaClasses sneaky = new ClassFileImporter().importClasses(SneakyDriver.class);
        assertThat(DECLARE_WHAT_YOU_IMPLEMENT.evaluate(sneaky).hasViolation()).isTrue();
    }

    /** Implements suspend and resume without declaring them. */
    static final class SneakyDriver implements Driver {
        @Override
        public String name() {
            return "sneaky";
        }

        @Override
        public void close() {
        }

        public void suspend(org.jvirt.spi.DomainRef domain) {
        }
    }

    /**
     * Rule 3: a declared operation never answers NO_SUPPORT — drivers never raise it at all; the
     * core does, for what no driver declares. (Clients such as jvirsh may test for it.)
     */
    @Test
    void driversNeverRaiseNoSupport() {
        noClasses().that().resideInAPackage("org.jvirt.driver..")
                .should().accessField(ErrorCode.class, ErrorCode.NO_SUPPORT.name())
                .check(JVIRT);
    }

    /** Rule 4: no package cycles. */
    @Test
    void noPackageCycles() {
        slices().matching("org.jvirt.(**)").should().beFreeOfCycles().check(JVIRT);
    }

    /** Rule 4: no generic exceptions thrown from jvirt code. */
    @Test
    void noGenericExceptions() {
        GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.check(JVIRT);
    }
}
