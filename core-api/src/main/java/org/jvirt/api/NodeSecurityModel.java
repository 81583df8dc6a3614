package org.jvirt.api;

import java.util.Objects;

/**
 * The host's security driver, as libvirt's {@code virSecurityModel}.
 *
 * @param model the security driver's name (e.g. {@code selinux}, {@code testSecurity}); empty when none, never null
 * @param doi its domain of interpretation; may be empty, never null
 *
 * @since 1.0
 */
public record NodeSecurityModel(String model, String doi) {
    public NodeSecurityModel {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(doi, "doi");
    }
}
