package org.jvirt.proxy.daemon.dispatch;

import java.util.Map;
import org.jvirt.proxy.protocol.xdr.XdrProcedure;

/**
 * The name of the libvirt API function behind a remote procedure, as libvirt's messages name it
 * ("read only access prevents virDomainGetXMLDesc"): {@code REMOTE_PROC_DOMAIN_GET_XML_DESC} is
 * {@code virDomainGetXMLDesc}. Words are capitalized, and the abbreviations libvirt writes in
 * capitals stay so.
 */
public final class ApiNames {
    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("XML", "XML"), Map.entry("UUID", "UUID"), Map.entry("ID", "ID"), Map.entry("OS", "OS"),
            Map.entry("CPU", "CPU"), Map.entry("URI", "URI"), Map.entry("SEV", "SEV"), Map.entry("FS", "FS"),
            Map.entry("PM", "PM"), Map.entry("MAC", "MAC"), Map.entry("IOTHREAD", "IOThread"),
            Map.entry("NWFILTER", "NWFilter"), Map.entry("SCSI", "SCSI"), Map.entry("LXC", "LXC"),
            Map.entry("QEMU", "QEMU"), Map.entry("SGX", "SGX"), Map.entry("TPM", "TPM"),
            Map.entry("NMI", "NMI"), Map.entry("FD", "FD"), Map.entry("SSH", "SSH"), Map.entry("FSTRIM", "FSTrim"),
            Map.entry("FSFREEZE", "FSFreeze"), Map.entry("FSTHAW", "FSThaw"), Map.entry("FSINFO", "FSInfo"));

    private ApiNames() {
    }

    /** The API function's name, e.g. {@code virDomainDestroyFlags}. */
    public static String of(XdrProcedure procedure) {
        String name = procedure.constantName();
        String bare = name.substring(name.indexOf("_PROC_") + "_PROC_".length());
        StringBuilder b = new StringBuilder("vir");
        for (String word : bare.split("_")) {
            String fixed = WORDS.get(word);
            b.append(fixed != null ? fixed : word.charAt(0) + word.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return b.toString();
    }
}
