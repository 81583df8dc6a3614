package org.jvirt.cli;

/**
 * How an option takes its value, as virsh's {@code vshCmdOptType}. The type decides how the parser
 * binds a token to the option and how {@code help} shows it.
 */
enum OptType {
    /** A flag: present or not, never takes a value ({@code --all}). */
    BOOL,
    /** A number, named ({@code --count 2}) or positional; shown as {@code <number>}. */
    INT,
    /** A string that is optional; positional too unless the definition says it must be named. */
    STRING,
    /** A required string that is usually given positionally ({@code <domain>}). */
    DATA
}
