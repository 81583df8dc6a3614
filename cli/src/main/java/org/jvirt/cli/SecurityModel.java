package org.jvirt.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jvirt.api.Connection;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;

/**
 * The host's security model, which virsh's {@code dominfo} prints. libvirt's
 * {@code virNodeGetSecurityModel} reports the first {@code <secmodel>} of the capabilities document;
 * jvirt has no call of its own for it, so it is read from there.
 *
 * @param model the model's name, e.g. {@code selinux}; empty when there is none
 * @param doi the domain of interpretation; may be empty
 */
record SecurityModel(String model, String doi) {
    private static final Pattern SECMODEL = Pattern.compile("<secmodel>(.*?)</secmodel>", Pattern.DOTALL);
    private static final Pattern MODEL = Pattern.compile("<model>(.*?)</model>", Pattern.DOTALL);
    private static final Pattern DOI = Pattern.compile("<doi>(.*?)</doi>", Pattern.DOTALL);

    /**
     * The connection's security model; null when it has none or the driver cannot say (virsh stays
     * silent then too).
     *
     * @throws VirtException when reading the capabilities fails for another reason, as virsh fails
     */
    static SecurityModel of(Connection connection) {
        String caps;
        try {
            caps = connection.capabilities();
        } catch (VirtException e) {
            if (e.code() == ErrorCode.NO_SUPPORT) {
                return null;
            }
            throw e;
        }
        return parse(caps);
    }

    /** The first secmodel of a capabilities document, or null. */
    static SecurityModel parse(String capabilities) {
        Matcher sec = SECMODEL.matcher(capabilities);
        if (!sec.find()) {
            return null;
        }
        String body = sec.group(1);
        Matcher model = MODEL.matcher(body);
        Matcher doi = DOI.matcher(body);
        return new SecurityModel(model.find() ? unescape(model.group(1).trim()) : "",
                doi.find() ? unescape(doi.group(1).trim()) : "");
    }

    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&apos;", "'").replace("&amp;", "&");
    }
}
