package org.jvirt.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.Flag;
import org.jvirt.api.MemoryPeekFlag;
import org.jvirt.api.ModificationImpact;
import org.jvirt.api.Network;
import org.jvirt.api.Operation;
import org.jvirt.core.discovery.ProviderRegistry;
import org.jvirt.model.DomainXml;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.Driver;
import org.jvirt.spi.DriverOperations;
import org.jvirt.spi.NetworkRef;
import org.jvirt.spi.OpenResult;
import org.jvirt.spi.OperationBinding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The build-time half of "one source for operation, interface and method": the compiler already
 * checks that a call site casts the driver to the interface of the binding it names; this test
 * checks that it then calls that binding's method. Every operation is invoked through the public
 * API on a driver that implements the whole SPI and records what it is asked; the driver must be
 * asked exactly the method the SPI's table binds to the operation (the flag declarations and
 * native-format lists the core reads on the way are not operations, and are left out).
 */
class BindingCallSitesTest {
    private static final UUID UUID_OF_D = UUID.fromString("00000000-0000-0000-0000-0000000000d1");
    private static final String DOMAIN_XML = "<domain type='test'><name>d</name><memory>1024</memory>"
            + "<os><type>hvm</type></os></domain>";

    /** Answers every SPI method with a harmless value and records its name. */
    private static final class Recorder implements InvocationHandler {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            String name = method.getName();
            switch (name) {
                case "name" -> {
                    return "recorder";
                }
                case "errorDomain" -> {
                    return ErrorDomain.NONE;
                }
                case "domainRules" -> {
                    // How the driver reads definitions, asked by the core before it hands one over: no call.
                    return org.jvirt.model.DomainRules.GENERIC;
                }
                case "close", "hashCode", "equals", "toString" -> {
                    return name.equals("hashCode") ? 0 : name.equals("equals") ? proxy == args[0]
                            : name.equals("toString") ? "recorder" : null;
                }
                default -> { }
            }
            if (name.endsWith("Flags") && method.getParameterCount() == 0) {
                return allFlags(method);
            }
            if (name.endsWith("NativeFormats")) {
                return Set.of("fmt");
            }
            calls.add(name);
            return answer(method.getReturnType());
        }

        private static Set<?> allFlags(Method accessor) {
            for (OperationBinding<?> b : DriverOperations.bindings()) {
                Class<? extends Flag> type = b.operation().flagType();
                if (type != null && b.declaredBy() == accessor.getDeclaringClass()) {
                    java.lang.reflect.Type element = ((java.lang.reflect.ParameterizedType) accessor.getGenericReturnType())
                            .getActualTypeArguments()[0];
                    if (element == type) {
                        return all(type);
                    }
                }
            }
            throw new IllegalStateException("no flag type for " + accessor);
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static Set<?> all(Class<? extends Flag> type) {
            return EnumSet.allOf((Class) type);
        }

        private static Object answer(Class<?> type) {
            if (type == DomainRef.class) {
                return new DomainRef("d", UUID_OF_D, 1);
            }
            if (type == NetworkRef.class) {
                return new NetworkRef("n", UUID_OF_D);
            }
            if (type == List.class) {
                return List.of();
            }
            if (type == String.class) {
                return DOMAIN_XML;
            }
            if (type == org.jvirt.model.DomainDefinition.class) {
                return DomainXml.parse(DOMAIN_XML);
            }
            if (type == DomainStateReason.class) {
                return DomainStateReason.RUNNING_BOOTED;
            }
            if (type == byte[].class) {
                return new byte[0];
            }
            if (type == int[].class) {
                return new int[0];
            }
            if (type == long[].class) {
                return new long[0];
            }
            if (type == int.class) {
                return 1;
            }
            if (type == long.class) {
                return 1L;
            }
            if (type == boolean.class) {
                return true;
            }
            return null;
        }
    }

    private final Recorder recorder = new Recorder();

    private Connection open() {
        List<Class<?>> interfaces = new ArrayList<>(List.of(DriverOperations.class.getClasses()));
        interfaces.add(Driver.class);
        Driver driver = (Driver) Proxy.newProxyInstance(getClass().getClassLoader(), interfaces.toArray(Class<?>[]::new),
                recorder);
        return Jvirt.builder().uri("rec:///").providers(ProviderRegistry.of(List.of(new FakeProvider("recorder",
                Set.of("rec"), driver.getClass(), r -> OpenResult.accepted(driver))))).open();
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void eachOperationReachesTheMethodItsBindingNames(Operation op) throws Exception {
        try (Connection c = open()) {
            Domain d = c.domainByName("d");
            Network n = c.networkByName("n");
            recorder.calls.clear();
            invoke(op, c, d, n);
            String method = org.jvirt.core.routing.DeclaredOperations.bindingOf(op).method();
            assertThat(recorder.calls).as("the driver methods %s reached", op.libvirtName())
                    .containsExactlyElementsOf(method.isEmpty() ? List.of() : List.of(method));
        }
    }

    /** One public API call per operation; the switch is exhaustive, so no operation is forgotten. */
    private static void invoke(Operation op, Connection c, Domain d, Network n) throws Exception {
        Path file = Path.of("unused");
        switch (op) {
            case CONNECT_GET_TYPE -> c.type();
            case CONNECT_GET_VERSION -> c.version();
            case CONNECT_GET_HOSTNAME -> c.hostname();
            case CONNECT_GET_MAX_VCPUS -> c.maxVcpus(null);
            case CONNECT_GET_CAPABILITIES -> c.capabilities();
            case CONNECT_GET_SYSINFO -> c.sysinfo();
            case CONNECT_SET_KEEPALIVE -> c.setKeepAlive(5, 5);
            case NODE_GET_INFO -> c.nodeInfo();
            case NODE_GET_FREE_MEMORY -> c.freeMemory();
            case NODE_GET_CELLS_FREE_MEMORY -> c.cellsFreeMemory(0, 1);
            case NODE_GET_SECURITY_MODEL -> c.securityModel();
            case NODE_GET_MEMORY_STATS -> c.nodeMemoryStats(-1);
            case NODE_GET_CPU_MAP -> c.nodeCpuMap();
            case CONNECT_DOMAIN_XML_FROM_NATIVE -> c.domainXmlFromNative("fmt", "x");
            case CONNECT_DOMAIN_XML_TO_NATIVE -> c.domainXmlToNative("fmt", DOMAIN_XML);
            case CONNECT_LIST_DOMAINS -> c.activeDomainIds();
            case CONNECT_NUM_OF_DOMAINS -> c.activeDomainCount();
            case CONNECT_LIST_DEFINED_DOMAINS -> c.definedDomainNames();
            case CONNECT_NUM_OF_DEFINED_DOMAINS -> c.definedDomainCount();
            case CONNECT_LIST_ALL_DOMAINS -> c.listAllDomains();
            case DOMAIN_LOOKUP_BY_ID -> c.domainById(1);
            case DOMAIN_LOOKUP_BY_UUID -> c.domainByUuid(UUID_OF_D);
            case DOMAIN_LOOKUP_BY_NAME -> c.domainByName("d");
            case DOMAIN_GET_INFO -> d.info();
            case DOMAIN_GET_STATE -> d.state();
            case DOMAIN_GET_XML_DESC -> d.xmlDesc();
            case DOMAIN_GET_OS_TYPE -> d.osType();
            case DOMAIN_IS_ACTIVE -> d.isActive();
            case DOMAIN_IS_PERSISTENT -> d.isPersistent();
            case DOMAIN_GET_SECURITY_LABEL -> d.securityLabel();
            case DOMAIN_CREATE_XML -> c.createDomain(DOMAIN_XML);
            case DOMAIN_DEFINE_XML -> c.defineDomain(DOMAIN_XML);
            case DOMAIN_UNDEFINE -> d.undefine();
            case DOMAIN_CREATE -> d.start();
            case DOMAIN_SUSPEND -> d.suspend();
            case DOMAIN_RESUME -> d.resume();
            case DOMAIN_SHUTDOWN -> d.shutdown();
            case DOMAIN_REBOOT -> d.reboot();
            case DOMAIN_DESTROY -> d.destroy();
            case DOMAIN_SAVE -> d.save(file);
            case DOMAIN_RESTORE -> c.restore(file);
            case DOMAIN_CORE_DUMP -> d.coreDump(file);
            case DOMAIN_GET_JOB_INFO -> d.jobInfo();
            case DOMAIN_ABORT_JOB -> d.abortJob();
            case DOMAIN_SET_MEMORY -> d.setMemory(1024);
            case DOMAIN_SET_MAX_MEMORY -> d.setMaxMemory(1024);
            case DOMAIN_SET_VCPUS -> d.setVcpus(1);
            case DOMAIN_PIN_VCPU -> d.pinVcpu(0, BitSet.valueOf(new long[] {1}));
            case DOMAIN_GET_VCPUS -> d.vcpuInfo();
            case DOMAIN_GET_VCPU_PIN_INFO -> d.vcpuPinInfo(ModificationImpact.CURRENT);
            case DOMAIN_GET_MAX_VCPUS -> d.maxVcpus();
            case DOMAIN_GET_AUTOSTART -> d.autostart();
            case DOMAIN_SET_AUTOSTART -> d.setAutostart(true);
            case DOMAIN_ATTACH_DEVICE -> d.attachDevice("<disk type='file' device='disk'><target dev='vdb'/></disk>");
            case DOMAIN_DETACH_DEVICE -> d.detachDevice("<disk type='file' device='disk'><target dev='vdb'/></disk>");
            case DOMAIN_GET_SCHEDULER_TYPE -> d.schedulerType();
            case DOMAIN_GET_SCHEDULER_PARAMETERS -> d.schedulerParameters();
            case DOMAIN_SET_SCHEDULER_PARAMETERS -> d.setSchedulerParameters(List.of());
            case DOMAIN_BLOCK_STATS -> d.blockStats("vda");
            case DOMAIN_INTERFACE_STATS -> d.interfaceStats("vnet0");
            case DOMAIN_BLOCK_PEEK -> d.blockPeek("vda", 0, 1);
            case DOMAIN_MEMORY_PEEK -> d.memoryPeek(0, 1, MemoryPeekFlag.PHYSICAL);
            case CONNECT_DOMAIN_EVENT_REGISTER -> c.onDomainEvent(e -> { }).close();
            case CONNECT_LIST_NETWORKS -> c.activeNetworkNames();
            case CONNECT_NUM_OF_NETWORKS -> c.activeNetworkCount();
            case CONNECT_LIST_DEFINED_NETWORKS -> c.definedNetworkNames();
            case CONNECT_NUM_OF_DEFINED_NETWORKS -> c.definedNetworkCount();
            case CONNECT_LIST_ALL_NETWORKS -> c.listAllNetworks();
            case NETWORK_LOOKUP_BY_NAME -> c.networkByName("n");
            case NETWORK_LOOKUP_BY_UUID -> c.networkByUuid(UUID_OF_D);
            case NETWORK_GET_XML_DESC -> n.xmlDesc();
            case NETWORK_GET_BRIDGE_NAME -> n.bridgeName();
            case NETWORK_IS_ACTIVE -> n.isActive();
            case NETWORK_IS_PERSISTENT -> n.isPersistent();
            case NETWORK_CREATE_XML -> c.createNetwork("<network><name>n</name></network>");
            case NETWORK_DEFINE_XML -> c.defineNetwork("<network><name>n</name></network>");
            case NETWORK_UNDEFINE -> n.undefine();
            case NETWORK_CREATE -> n.start();
            case NETWORK_DESTROY -> n.destroy();
            case NETWORK_GET_AUTOSTART -> n.autostart();
            case NETWORK_SET_AUTOSTART -> n.setAutostart(true);
        }
    }
}
