package org.jvirt.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A security driver of the host ({@code <secmodel>}).
 *
 * @param model its name ({@code selinux}, {@code dac}, {@code none}...); never null
 * @param doi its domain of interpretation; never null, may be empty
 * @param baseLabels the base label per domain type ({@code kvm} to {@code +0:+0}), in order; never null
 *
 * @since 1.0
 */
public record SecurityModel(String model, String doi, Map<String, String> baseLabels) {
    public SecurityModel {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(doi, "doi");
        baseLabels = Collections.unmodifiableMap(new LinkedHashMap<>(baseLabels));
    }
}
