package org.jvirt.core;

import java.util.Set;
import java.util.function.Function;
import org.jvirt.spi.Driver;
import org.jvirt.spi.DriverProvider;
import org.jvirt.spi.OpenRequest;
import org.jvirt.spi.OpenResult;

/** A provider for the core's own tests, answering open as told. */
record FakeProvider(String name, Set<String> schemes, Class<? extends Driver> driverClass,
                    Function<OpenRequest, OpenResult> answer) implements DriverProvider {

    /** A provider of {@link FakeDriver}s. */
    FakeProvider(String name, Set<String> schemes, Function<OpenRequest, OpenResult> answer) {
        this(name, schemes, FakeDriver.class, answer);
    }

    @Override
    public OpenResult open(OpenRequest request) {
        return answer.apply(request);
    }
}
