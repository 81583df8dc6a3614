/**
 * Definitions of domains, networks and capabilities, and their libvirt XML codecs.
 *
 * <p>Definitions ({@link org.jvirt.model.DomainDefinition},
 * {@link org.jvirt.model.NetworkDefinition}, {@link org.jvirt.model.CapabilitiesDefinition})
 * are immutable values with builders. The codecs ({@link org.jvirt.model.DomainXml},
 * {@link org.jvirt.model.NetworkXml}, {@link org.jvirt.model.CapabilitiesXml}) read every
 * dialect from libvirt 0.4 to 9 and write libvirt 9's form byte for byte as {@code virsh}
 * shows it. They never drop what a user wrote: XML the model does not understand is kept as
 * {@link org.jvirt.model.Unknowns} or {@link org.jvirt.model.UnknownDevice}, written back, and
 * listed by {@link org.jvirt.model.DomainDefinition#unmodelled()} so a driver can refuse to run
 * what it cannot honour.
 *
 * <p>Every error is an {@link org.jvirt.api.VirtException}. This package depends on the JDK,
 * {@code org.jvirt.api} and {@code org.jvirt.model.xml} only.
 */
package org.jvirt.model;
