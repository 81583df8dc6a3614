package org.jvirt.driver.hypercall.privcmd;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Java layouts are the C compiler's: {@code src/test/c/xen417_layouts.c} prints, from the Xen 4.17 headers
 * installed here, the size of every structure the driver exchanges with the hypervisor and the offset and width
 * of every member it declares, and the numbers of the interface; {@code libvirt044_layouts.c} does the same for
 * libvirt 0.4.4's declarations of the Xen 3.0.3 to 3.2 interfaces. Both directions are checked: a member either
 * side lacks fails, as does a differing offset, width, size or number.
 */
class XenHeaderLayoutTest {

    @Test
    void theXen417LayoutsAreWhatGccMakesOfTheXenHeaders() throws Exception {
        CProbe c = CProbe.run("xen417_layouts.c", Path.of("/usr/include/xen/sysctl.h"),
                Path.of("/usr/include/xen/domctl.h"), Path.of("/usr/include/xen/sys/privcmd.h"));
        List<StructLayout> layouts = new ArrayList<>(layoutsOf(Xen417Layouts.class));
        layouts.add(Privcmd.HYPERCALL);
        Map<String, Long> constants = new LinkedHashMap<>();
        constants.put("XEN_SYSCTL_INTERFACE_VERSION", (long) XenAbi.XEN_4_17.sysctlVersion());
        constants.put("XEN_DOMCTL_INTERFACE_VERSION", (long) XenAbi.XEN_4_17.domctlVersion());
        constants.put("IOCTL_PRIVCMD_HYPERCALL", Privcmd.IOCTL_PRIVCMD_HYPERCALL);
        constants.put("__HYPERVISOR_xen_version", (long) Xen.HYPERVISOR_XEN_VERSION);
        constants.put("__HYPERVISOR_sysctl", (long) Xen.HYPERVISOR_SYSCTL);
        constants.put("__HYPERVISOR_domctl", (long) Xen.HYPERVISOR_DOMCTL);
        constants.put("XENVER_version", (long) Xen.XENVER_VERSION);
        constants.put("XENVER_capabilities", (long) Xen.XENVER_CAPABILITIES);
        constants.put("XENVER_pagesize", (long) Xen.XENVER_PAGESIZE);
        constants.put("sizeof(xen_capabilities_info_t)", (long) Xen.CAPABILITIES_INFO_SIZE);
        for (SysctlCmd cmd : SysctlCmd.values()) {
            constants.put(cmd.cName(), (long) cmd.number());
        }
        for (DomctlCmd cmd : DomctlCmd.values()) {
            constants.put(cmd.cName(), (long) cmd.number());
        }
        constants.put("XEN_DOMINF_dying", (long) Xen.DOMINF_DYING);
        constants.put("XEN_DOMINF_hvm_guest", (long) Xen.DOMINF_HVM_GUEST);
        constants.put("XEN_DOMINF_shutdown", (long) Xen.DOMINF_SHUTDOWN);
        constants.put("XEN_DOMINF_paused", (long) Xen.DOMINF_PAUSED);
        constants.put("XEN_DOMINF_blocked", (long) Xen.DOMINF_BLOCKED);
        constants.put("XEN_DOMINF_running", (long) Xen.DOMINF_RUNNING);
        constants.put("XEN_DOMINF_shutdownshift", (long) Xen.DOMINF_SHUTDOWNSHIFT);
        constants.put("XEN_DOMINF_shutdownmask", (long) Xen.DOMINF_SHUTDOWNMASK);
        constants.put("SHUTDOWN_crash", (long) Xen.SHUTDOWN_CRASH);
        constants.put("XEN_VCPUAFFINITY_HARD", (long) Xen.VCPUAFFINITY_HARD);
        constants.put("XEN_SYSCTL_PHYSCAP_hvm", (long) Xen.PHYSCAP_HVM);
        constants.put("DOMID_FIRST_RESERVED", (long) Xen.DOMID_FIRST_RESERVED);
        constants.put("XEN_LEGACY_MAX_VCPUS", (long) Xen.LEGACY_MAX_VCPUS);
        constants.put("HVM_MAX_VCPUS", (long) Xen.HVM_MAX_VCPUS);
        constants.put("X86_FEATURE_PAE", (long) Xen.X86_FEATURE_PAE);
        constants.put("X86_FEATURE_VMX", (long) Xen.X86_FEATURE_VMX);
        constants.put("X86_FEATURE_SVM", (long) Xen.X86_FEATURE_SVM);
        constants.put("O_RDWR", (long) LibC.O_RDWR);
        constants.put("O_CLOEXEC", (long) LibC.O_CLOEXEC);
        constants.put("PROT_READ", (long) LibC.PROT_READ);
        constants.put("PROT_WRITE", (long) LibC.PROT_WRITE);
        constants.put("MAP_PRIVATE", (long) LibC.MAP_PRIVATE);
        constants.put("MAP_ANONYMOUS", (long) LibC.MAP_ANONYMOUS);
        constants.put("_SC_PAGESIZE", (long) LibC.SC_PAGESIZE);
        compare("Xen 4.17 headers", c, layouts, constants);
    }

    @Test
    void theLibvirt044LayoutsAreWhatGccMakesOfLibvirtsDeclarations() throws Exception {
        CProbe c = CProbe.run("libvirt044_layouts.c");
        Map<String, Long> constants = new LinkedHashMap<>();
        constants.put("XEN_V2_OP_GETDOMAININFOLIST", (long) SysctlCmd.GETDOMAININFOLIST.number());
        constants.put("XEN_V2_OP_GETAVAILHEAP", (long) SysctlCmd.AVAILHEAP.number());
        constants.put("XEN3_SYSCTL_physinfo", (long) SysctlCmd.PHYSINFO.number());
        constants.put("XEN_V2_OP_DESTROYDOMAIN", (long) DomctlCmd.DESTROYDOMAIN.number());
        constants.put("XEN_V2_OP_PAUSEDOMAIN", (long) DomctlCmd.PAUSEDOMAIN.number());
        constants.put("XEN_V2_OP_UNPAUSEDOMAIN", (long) DomctlCmd.UNPAUSEDOMAIN.number());
        constants.put("XEN_V2_OP_SETVCPUMAP", (long) DomctlCmd.SETVCPUAFFINITY.number());
        constants.put("XEN_V2_OP_SETMAXMEM", (long) DomctlCmd.MAX_MEM.number());
        constants.put("XEN_V2_OP_GETVCPUINFO", (long) DomctlCmd.GETVCPUINFO.number());
        constants.put("XEN_V2_OP_SETMAXVCPU", (long) DomctlCmd.MAX_VCPUS.number());
        constants.put("XEN_V2_OP_GETVCPUMAP", (long) DomctlCmd.GETVCPUAFFINITY.number());
        constants.put("DOMFLAGS_DYING", (long) Xen.DOMINF_DYING);
        constants.put("DOMFLAGS_HVM", (long) Xen.DOMINF_HVM_GUEST);
        constants.put("DOMFLAGS_SHUTDOWN", (long) Xen.DOMINF_SHUTDOWN);
        constants.put("DOMFLAGS_PAUSED", (long) Xen.DOMINF_PAUSED);
        constants.put("DOMFLAGS_BLOCKED", (long) Xen.DOMINF_BLOCKED);
        constants.put("DOMFLAGS_RUNNING", (long) Xen.DOMINF_RUNNING);
        constants.put("DOMFLAGS_SHUTDOWNSHIFT", (long) Xen.DOMINF_SHUTDOWNSHIFT);
        constants.put("MAX_VIRT_CPUS", (long) Xen.LEGACY_MAX_VCPUS);
        compare("libvirt 0.4.4's declarations", c, layoutsOf(Libvirt044Layouts.class), constants);
    }

    /** No interface version uses a layout that neither C program checks. */
    @Test
    void everyInterfaceVersionUsesCheckedLayoutsOnly() {
        Set<StructLayout> checked = new HashSet<>(layoutsOf(Xen417Layouts.class));
        checked.addAll(layoutsOf(Libvirt044Layouts.class));
        for (XenAbi abi : XenAbi.known()) {
            for (StructLayout l : Arrays.asList(abi.sysctl(), abi.domainInfoList(), abi.physinfo(), abi.availheap(),
                    abi.domctl(), abi.domainInfo(), abi.vcpuInfo(), abi.vcpuAffinity(), abi.maxMem(), abi.maxVcpus())) {
                if (l != null) {
                    assertThat(checked).as("%s uses %s", abi, l.cName()).contains(l);
                }
            }
        }
    }

    /** The fact this machine's peers saw on a real Xen 4.17 dom0, independent of gcc. */
    @Test
    void theHypercallIoctlIsTheOneSeenOnXen() {
        assertThat(Privcmd.IOCTL_PRIVCMD_HYPERCALL).isEqualTo(0x305000L);
    }

    private static void compare(String what, CProbe c, List<StructLayout> layouts, Map<String, Long> constants) {
        List<String> wrong = new ArrayList<>();
        Set<String> javaFields = new HashSet<>();
        int fieldCount = 0;
        for (StructLayout l : layouts) {
            Long size = c.sizes.get(l.cName());
            if (size == null) {
                wrong.add(l.cName() + ": the C program does not print it");
                continue;
            }
            if (size != l.size()) {
                wrong.add(l.cName() + ": sizeof is " + size + " in C, " + l.size() + " in Java");
            }
            for (StructLayout.Field f : l.fields().values()) {
                String key = l.cName() + " " + f.name();
                javaFields.add(key);
                fieldCount++;
                long[] cf = c.fields.get(key);
                if (cf == null) {
                    wrong.add(key + ": not printed by the C program");
                } else if (cf[0] != f.offset() || cf[1] != f.width()) {
                    wrong.add(key + ": offset " + cf[0] + " width " + cf[1] + " in C, offset " + f.offset()
                            + " width " + f.width() + " in Java");
                }
            }
        }
        Set<String> names = new HashSet<>();
        layouts.forEach(l -> names.add(l.cName()));
        c.sizes.keySet().stream().filter(n -> !names.contains(n)).forEach(n -> wrong.add(n + ": no Java layout"));
        c.fields.keySet().stream().filter(k -> !javaFields.contains(k)).forEach(k -> wrong.add(k + ": no Java field"));
        for (Map.Entry<String, Long> e : constants.entrySet()) {
            Long cValue = c.constants.get(e.getKey());
            if (!e.getValue().equals(cValue)) {
                wrong.add(e.getKey() + " is " + cValue + " in C, " + e.getValue() + " in Java");
            }
        }
        c.constants.keySet().stream().filter(k -> !constants.containsKey(k))
                .forEach(k -> wrong.add(k + ": printed by C, compared with nothing in Java"));
        System.out.println("[driver-hypercall] " + what + ": " + layouts.size() + " structures, " + fieldCount
                + " fields and " + constants.size() + " constants compared, " + wrong.size() + " differ");
        assertThat(wrong).as("layouts that differ from %s", what).isEmpty();
        assertThat(fieldCount).isPositive();
    }

    static List<StructLayout> layoutsOf(Class<?> holder) {
        List<StructLayout> out = new ArrayList<>();
        for (Field f : holder.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == StructLayout.class) {
                try {
                    out.add((StructLayout) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return out;
    }
}
