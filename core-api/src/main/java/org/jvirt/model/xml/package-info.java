/**
 * Hardened XML reading and libvirt-style XML writing, on the JDK alone.
 *
 * <p>{@link org.jvirt.model.xml.XmlReader} turns untrusted text into an immutable
 * {@link org.jvirt.model.xml.XmlElement} tree (no DTDs, no entities, size and depth limits,
 * errors with line and column); {@link org.jvirt.model.xml.XmlWriter} writes elements the way
 * libvirt formats them. This package depends on nothing of jvirt but {@code org.jvirt.api}'s
 * error types.
 */
package org.jvirt.model.xml;
