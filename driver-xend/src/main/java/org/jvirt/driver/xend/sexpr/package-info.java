/**
 * xend's S-expressions (SXP): an immutable tree of lists and atoms ({@link org.jvirt.driver.xend.sexpr.Sexpr}),
 * its reader ({@link org.jvirt.driver.xend.sexpr.SexprReader}) and printer
 * ({@link org.jvirt.driver.xend.sexpr.SexprPrinter}), and the path look-ups libvirt 0.4.4's {@code sexpr.c}
 * made on xend's documents ({@link org.jvirt.driver.xend.sexpr.SexprList#value(String)}).
 *
 * <p>The syntax is the one both ends spoke: libvirt's {@code sexpr.c} (lists, bare atoms ending at white
 * space or a parenthesis, atoms quoted with {@code '}) and xend's {@code sxp.py} (which also quotes with
 * {@code "} and writes Python's escapes in quoted atoms). The reader accepts what either wrote and nothing
 * else; the printer writes what both read back unchanged. Depends on the JDK, Vavr and
 * {@code org.jvirt.api} only.
 */
package org.jvirt.driver.xend.sexpr;
