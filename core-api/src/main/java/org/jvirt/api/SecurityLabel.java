package org.jvirt.api;

import java.util.Objects;

/**
 * A domain's security label, as libvirt's {@code virSecurityLabel}.
 *
 * @param label the label; empty when the domain has none (an inactive one, say), never null
 * @param enforcing whether the security driver enforces it
 *
 * @since 1.0
 */
public record SecurityLabel(String label, boolean enforcing) {
    public SecurityLabel {
        Objects.requireNonNull(label, "label");
    }
}
