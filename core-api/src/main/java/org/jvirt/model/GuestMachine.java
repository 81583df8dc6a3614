package org.jvirt.model;

import java.util.Objects;

/**
 * A machine type a guest architecture offers: {@code <machine canonical= maxCpus=>name</machine>}.
 *
 * @param name the machine type ({@code pc}, {@code pc-i440fx-7.2}...); never null
 * @param canonical the versioned type this name is an alias of, or null
 * @param maxCpus the most vcpus it supports, or null when not known
 *
 * @since 1.0
 */
public record GuestMachine(String name, String canonical, Integer maxCpus) {
    public GuestMachine {
        Objects.requireNonNull(name, "name");
    }
}
