package org.jvirt.core;

import java.util.Set;
import java.util.function.Function;
import org.jvirt.spi.DriverProvider;
import org.jvirt.spi.OpenRequest;
import org.jvirt.spi.OpenResult;

/** A provider for the core's own tests, answering open as told. */
record FakeProvider(String name, Set<String> schemes, Function<OpenRequest, OpenResult> answer) implements DriverProvider {
    @Override
    public Class<FakeDriver> driverClass() {
        return FakeDriver.class;
    }

    @Override
    public OpenResult open(OpenRequest request) {
        return answer.apply(request);
    }
}
