package org.jvirt.model;

import java.util.List;
import java.util.Objects;

/**
 * A domain's {@code <os>}: what kind of guest it is and how it boots.
 *
 * @param type the OS type, {@code <type>}'s text: {@code hvm} (full virtualisation),
 *             {@code xen} or {@code linux} (Xen paravirtualisation, the latter libvirt 0.4's
 *             name, which libvirt 9 keeps, and only its Xen drivers read as {@code xen}),
 *             {@code exe}...; null when the element had none
 * @param arch {@code <type arch=>} ({@code i686}, {@code x86_64}...), or null
 * @param machine {@code <type machine=>} ({@code pc}, {@code q35}...), or null
 * @param loader {@code <loader>}'s path (firmware, or Xen's hvmloader), or null
 * @param loaderType {@code <loader type=>}: {@code rom} or {@code pflash}; null when not given (post-parse
 *                   makes a loader with a path a {@code rom}, as libvirt does)
 * @param kernel {@code <kernel>}'s path for direct kernel boot, or null
 * @param initrd {@code <initrd>}'s path, or null
 * @param cmdline {@code <cmdline>}, the kernel arguments verbatim, or null
 * @param root {@code <root>}, the root device of libvirt 0.4's Xen guests, or null
 * @param bootDevices the {@code <boot dev=>} values in order ({@code hd}, {@code cdrom},
 *                    {@code fd}, {@code network}); never null, unmodifiable
 * @param unknowns what the model does not understand inside {@code <os>} (at locations
 *                 {@code ""}, {@code type}, {@code loader}, {@code boot[n]}...); null means none
 *
 * @since 1.0
 */
public record DomainOs(String type, String arch, String machine, String loader, String loaderType, String kernel,
                       String initrd, String cmdline, String root, List<String> bootDevices,
                       Unknowns unknowns) {

    public DomainOs {
        bootDevices = List.copyOf(Objects.requireNonNull(bootDevices, "bootDevices"));
        unknowns = unknowns == null ? Unknowns.NONE : unknowns;
    }

    /** A new builder, for an OS of this type. */
    public static Builder builder(String type) {
        return new Builder().type(type);
    }

    /** A builder holding this OS's values. */
    public Builder toBuilder() {
        return new Builder().type(type).arch(arch).machine(machine).loader(loader).loaderType(loaderType).kernel(kernel)
                .initrd(initrd).cmdline(cmdline).root(root).bootDevices(bootDevices)
                .unknowns(unknowns);
    }

    /** Builds a {@link DomainOs}; not thread-safe. */
    public static final class Builder {
        private String type;
        private String arch;
        private String machine;
        private String loader;
        private String loaderType;
        private String kernel;
        private String initrd;
        private String cmdline;
        private String root;
        private List<String> bootDevices = List.of();
        private Unknowns unknowns = Unknowns.NONE;

        private Builder() {
        }

        public Builder type(String value) {
            this.type = value;
            return this;
        }

        public Builder arch(String value) {
            this.arch = value;
            return this;
        }

        public Builder machine(String value) {
            this.machine = value;
            return this;
        }

        public Builder loader(String value) {
            this.loader = value;
            return this;
        }

        public Builder loaderType(String value) {
            this.loaderType = value;
            return this;
        }

        public Builder kernel(String value) {
            this.kernel = value;
            return this;
        }

        public Builder initrd(String value) {
            this.initrd = value;
            return this;
        }

        public Builder cmdline(String value) {
            this.cmdline = value;
            return this;
        }

        public Builder root(String value) {
            this.root = value;
            return this;
        }

        public Builder bootDevices(List<String> value) {
            this.bootDevices = value;
            return this;
        }

        /** Replaces the boot order with these devices. */
        public Builder boot(String... devices) {
            this.bootDevices = List.of(devices);
            return this;
        }

        public Builder unknowns(Unknowns value) {
            this.unknowns = value;
            return this;
        }

        public DomainOs build() {
            return new DomainOs(type, arch, machine, loader, loaderType, kernel, initrd, cmdline, root,
                    bootDevices, unknowns);
        }
    }
}
