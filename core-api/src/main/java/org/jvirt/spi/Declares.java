package org.jvirt.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jvirt.api.Operation;

/**
 * Marks an interface of {@link DriverOperations} with the operations a driver declares by
 * implementing it. Only the core reads it; drivers never use it directly.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Declares {
    Operation[] value();
}
