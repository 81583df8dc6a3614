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
    DATA,
    /** Any number of strings, named ({@code --set a=1 --set b=2}) or the remaining bare words. */
    ARGV,
    /**
     * Another name of an option, hidden from help: {@code --kilobytes} for {@code --size}. The alias's
     * {@link OptDef#help()} names the option, or {@code option=value} for a flag that gives an option
     * its value ({@code --shareable} for {@code --mode shareable}).
     */
    ALIAS
}
