package org.jvirt.cli;

/** The groups {@code help} lists commands under, named and keyed as virsh's. */
enum CommandGroup {
    DOMAIN("Domain Management", "domain"),
    MONITOR("Domain Monitoring", "monitor"),
    HOST("Host and Hypervisor", "host"),
    NETWORK("Networking", "network"),
    VIRSH("Virsh itself", "virsh");

    private final String title;
    private final String keyword;

    CommandGroup(String title, String keyword) {
        this.title = title;
        this.keyword = keyword;
    }

    /** The heading, e.g. {@code Domain Management}. */
    String title() {
        return title;
    }

    /** The word {@code help KEYWORD} selects the group by. */
    String keyword() {
        return keyword;
    }
}
