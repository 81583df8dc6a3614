/**
 * xm configuration files as text: {@link org.jvirt.driver.xm.cfg.XmConfigFile}, a lossless
 * document of {@link org.jvirt.driver.xm.cfg.XmValue}s read from and written back to the subset of
 * Python that xm's files ({@code /etc/xen/NAME}) are written in. What the settings mean is
 * {@code org.jvirt.driver.xm.config}'s business.
 *
 * <p>The grammar is what libvirt 0.4.4's {@code conf.c} ({@code virConfParse}) read, with
 * Python's rules where libvirt's differed from the language xm ran the file with:
 * <pre>
 * file       = { blank-line | comment-line | statements }
 * statements = statement { ";" statement } [ ";" ] [ "#" comment ] end-of-line
 * statement  = name "=" value                 name = [A-Za-z_][A-Za-z0-9_]*
 * value      = string | integer | list
 * string     = '...' | "..." (one line) | '''...''' | """...""" (any lines), Python 2's escapes
 * integer    = [+-] digits                    decimal, within a long, no leading zero
 * list       = "[" [ value { "," value } [ "," ] ] "]"   over any lines, comments allowed
 * </pre>
 * Blanks are spaces, tabs and form feeds; lines end with {@code \n}, {@code \r\n} or {@code \r}.
 * Unlike libvirt, a backslash escape in a string stands for its character ({@code "a\"b"} is
 * {@code a"b}, as xm read it; libvirt kept the backslash), a comment may sit inside a list, and
 * a leading zero is refused (Python 2 read {@code 0644} as octal, libvirt as decimal). The text is
 * UTF-8, without control characters other than tabs, form feeds and ends of line.
 */
package org.jvirt.driver.xm.cfg;
