/** The remote procedures jvirtd serves, a group per concern, each a thin mapping onto jvirt's API. */
package org.jvirt.proxy.daemon.procedures;
