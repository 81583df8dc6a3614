package org.jvirt.driver.xm.cfg;

import java.util.List;

/**
 * One value of an xm configuration file: a string ({@link XmString}), an integer ({@link XmInteger})
 * or a list of values ({@link XmList}) — the only kinds xm's Python subset has, and the only ones
 * libvirt's {@code virConf} reader took (its {@code VIR_CONF_STRING}, {@code VIR_CONF_LONG},
 * {@code VIR_CONF_LIST}).
 *
 * <p>Values are immutable and equal by value: how a string was quoted, or how a list was laid out
 * over lines, is the file's business ({@link XmConfigFile} keeps it), not the value's.
 *
 * @since 1.0
 */
public sealed interface XmValue permits XmString, XmInteger, XmList {

    /** A string value. */
    static XmString of(String value) {
        return new XmString(value);
    }

    /** An integer value. */
    static XmInteger of(long value) {
        return new XmInteger(value);
    }

    /** A list of strings, such as the entries of {@code disk} or {@code vif}. */
    static XmList strings(List<String> values) {
        return new XmList(values.stream().map(XmValue::of).map(XmValue.class::cast).toList());
    }

    /** What the value is called in messages: {@code a string}, {@code an integer}, {@code a list}. */
    String kind();
}
