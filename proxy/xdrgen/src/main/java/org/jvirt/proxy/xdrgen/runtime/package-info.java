/**
 * What generated XDR code needs at run time: the reader and writer, the codec and procedure
 * interfaces. The generator copies these sources into the package of the code it writes (changing
 * only the package line), so generated code depends on the JDK alone; here they are compiled and
 * tested once.
 */
package org.jvirt.proxy.xdrgen.runtime;
