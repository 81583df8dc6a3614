package org.jvirt.driver.xend;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.StringJoiner;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VcpuInfo;
import org.jvirt.driver.xend.sexpr.Atom;
import org.jvirt.driver.xend.sexpr.Sexpr;
import org.jvirt.driver.xend.sexpr.SexprList;

/**
 * xend's vCPU documents: {@code ?op=vcpuinfo} answers {@code ((vcpu (number 0) (online 1) (blocked 0)
 * (running 1) (cpu_time 1.5) (cpu 0) (cpumap (0 1))) ...)}, read as libvirt 0.4.4's
 * {@code xenDaemonDomainGetVcpus}; {@code op=pincpu} takes the CPUs as {@code [0,2]}. Stateless.
 */
final class XendVcpus {
    private XendVcpus() {
    }

    static List<VcpuInfo> info(SexprList answer) {
        List<VcpuInfo> out = new ArrayList<>();
        for (Sexpr s : answer.items()) {
            if (!(s instanceof SexprList vcpu) || !vcpu.isNamed("vcpu")) {
                continue;
            }
            boolean online = number(vcpu, "online") != 0;
            int state = !online ? 0 : number(vcpu, "blocked") != 0 ? 2 : 1;
            BitSet affinity = new BitSet();
            vcpu.find("vcpu/cpumap").filter(m -> m.size() > 1 && m.get(1) instanceof SexprList)
                    .ifPresent(m -> {
                        for (Sexpr cpu : ((SexprList) m.get(1)).items()) {
                            if (cpu instanceof Atom a && a.value().matches("[0-9]{1,5}")) {
                                affinity.set(Integer.parseInt(a.value()));
                            }
                        }
                    });
            out.add(new VcpuInfo((int) number(vcpu, "number"), state, (long) (real(vcpu, "cpu_time") * 1e9),
                    online ? (int) number(vcpu, "cpu") : -1, affinity));
        }
        return out;
    }

    /** The CPUs of {@code cpus} as {@code pincpu}'s {@code cpumap}: {@code [0,2,3]}. */
    static String cpumap(BitSet cpus) {
        if (cpus.isEmpty()) {
            throw XendDaemonErrors.worded(ErrorCode.INVALID_ARG, "a vCPU must be allowed at least one CPU", null);
        }
        StringJoiner j = new StringJoiner(",", "[", "]");
        cpus.stream().forEach(c -> j.add(Integer.toString(c)));
        return j.toString();
    }

    /** A non-negative count of an answer such as {@code ((weight 256) (cap 0))}, as libvirt's UINT. */
    static Integer unsigned(SexprList answer, String key) {
        for (Sexpr s : answer.items()) {
            if (s instanceof SexprList l && l.isNamed(key)) {
                long v = number(l, key);
                if (v < 0 || v > Integer.MAX_VALUE) {
                    break;
                }
                return (int) v;
            }
        }
        throw XendDaemonErrors.worded(ErrorCode.INTERNAL_ERROR, "xend's scheduler answer has no " + key + ": "
                + answer, null);
    }

    private static long number(SexprList list, String key) {
        return (long) real(list, key);
    }

    private static double real(SexprList list, String key) {
        String path = list.name().orElse("") + "/" + key;
        String v = list.isNamed(key) ? (list.size() > 1 && list.get(1) instanceof Atom a ? a.value() : "0")
                : list.value(path).orElse("0");
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw XendDaemonErrors.worded(ErrorCode.INTERNAL_ERROR, "xend's answer has " + key + " '" + v
                    + "', not a number", null);
        }
    }
}
