package org.jvirt.api;

/** Flags of define and create calls, as libvirt's {@code VIR_DOMAIN_DEFINE_VALIDATE} / {@code VIR_DOMAIN_START_*}. */
public enum DefineFlag {
    /** Check the document against libvirt's RelaxNG schema before anything else; reject with XML_INVALID_SCHEMA. */
    VALIDATE,
    /** Create the domain paused (create only). */
    START_PAUSED
}
