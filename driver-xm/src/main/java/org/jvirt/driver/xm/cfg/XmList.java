package org.jvirt.driver.xm.cfg;

import java.util.List;
import java.util.Objects;

/**
 * A list value of an xm configuration file ({@code [ 'a', 'b' ]}); its items may themselves be
 * lists, as deep as {@link XmConfigFile#MAX_NESTING} allows.
 *
 * @param items the items in order; never null, unmodifiable
 * @since 1.0
 */
public record XmList(List<XmValue> items) implements XmValue {
    public XmList {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
    }

    @Override
    public String kind() {
        return "a list";
    }
}
