package org.jvirt.cli;

/** What the interactive shell and the bash completion offer for an option's value, as virsh's completers. */
enum Completion {
    /** Nothing: the value is free text or a number. */
    NONE,
    /** Names of the connection's domains. */
    DOMAIN,
    /** Names of the connection's networks. */
    NETWORK,
    /** File names. */
    FILE,
    /** Names of jvirsh's commands and help groups ({@code help COMMAND}). */
    COMMAND,
    /** A fixed list of words given with the option. */
    CHOICES
}
