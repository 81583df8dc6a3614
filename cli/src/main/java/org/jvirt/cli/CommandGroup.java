package org.jvirt.cli;

/** The groups {@code help} lists commands under, named, keyed and ordered as virsh's. */
enum CommandGroup {
    DOMAIN("Domain Management", "domain", true),
    MONITOR("Domain Monitoring", "monitor", true),
    EVENTS("Domain Events", "events", true),
    HOST("Host and Hypervisor", "host", true),
    NETWORK("Networking", "network", true),
    VIRSH("Virsh itself", "virsh", false);

    private final String title;
    private final String keyword;
    private final boolean sorted;

    CommandGroup(String title, String keyword, boolean sorted) {
        this.title = title;
        this.keyword = keyword;
        this.sorted = sorted;
    }

    /** The heading, e.g. {@code Domain Management}. */
    String title() {
        return title;
    }

    /** The word {@code help KEYWORD} selects the group by. */
    String keyword() {
        return keyword;
    }

    /**
     * Whether help lists the group's commands by name; otherwise in the order they are registered
     * (virsh lists its own group as its table declares it: cd, echo, exit, help, pwd, quit, connect).
     */
    boolean sorted() {
        return sorted;
    }
}
