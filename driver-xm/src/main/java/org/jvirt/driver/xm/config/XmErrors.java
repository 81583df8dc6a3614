package org.jvirt.driver.xm.config;

import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.driver.xm.cfg.XmPosition;

/**
 * The errors of converting between xm settings and domains, in domain XENXM as libvirt's
 * xm_internal.c raised them: CONF_SYNTAX for a setting that does not say what xm needs, with
 * where it is; libvirt's codes (NO_SOURCE, XML_ERROR, CONFIG_UNSUPPORTED...) for a definition
 * that lacks what the file needs, naming what. Stateless.
 */
final class XmErrors {
    private static final String SYNTAX = "configuration file syntax error: ";

    private XmErrors() {
    }

    /** CONF_SYNTAX: {@code FILE:LINE:COLUMN: config value 'KEY' DETAIL}. */
    static VirtException setting(XmPosition at, String key, String detail) {
        return new VirtException(ErrorCode.CONF_SYNTAX, ErrorDomain.XENXM,
                SYNTAX + at + ": config value '" + key + "' " + detail, null, at.file(), null);
    }

    /** CONF_SYNTAX for a setting the file must have: {@code FILE: config value 'KEY' is missing}. */
    static VirtException missing(String file, String key) {
        return new VirtException(ErrorCode.CONF_SYNTAX, ErrorDomain.XENXM,
                SYNTAX + file + ": config value '" + key + "' is missing", null, file, null);
    }

    /** CONF_SYNTAX for one entry of a list setting: {@code ...: KEY entry N 'ENTRY' DETAIL}. */
    static VirtException entry(XmPosition at, String key, int index, String entry, String detail) {
        return new VirtException(ErrorCode.CONF_SYNTAX, ErrorDomain.XENXM,
                SYNTAX + at + ": " + key + " entry " + (index + 1) + " '" + entry + "' " + detail, null, at.file(), null);
    }

    /** An error about a definition, worded as {@code code} words it. */
    static VirtException definition(ErrorCode code, String domainName, String detail) {
        return new VirtException(code, ErrorDomain.XENXM, code.format(detail), null, domainName, null);
    }

    /** CONFIG_UNSUPPORTED: what in a definition no xm file can say. */
    static VirtException unsupported(String domainName, String detail) {
        return definition(ErrorCode.CONFIG_UNSUPPORTED, domainName, detail);
    }
}
