package org.jvirt.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jvirt.api.Connection;
import org.jvirt.api.Subscription;
import org.jvirt.core.discovery.ProviderRegistry;
import org.jvirt.spi.DriverOperations;
import org.jvirt.spi.EventInterest;
import org.jvirt.spi.OpenResult;
import org.junit.jupiter.api.Test;

/** A driver that asks (the remote driver) hears when the first listener subscribes and when the last one leaves. */
class EventInterestTest {
    static final class InterestedDriver extends FakeDriver implements DriverOperations.DomainEvents, EventInterest {
        final List<Boolean> told = new CopyOnWriteArrayList<>();

        InterestedDriver() {
            super("interested", false);
        }

        @Override
        public void listening(boolean listening) {
            told.add(listening);
        }
    }

    @Test
    void theDriverIsToldOfTheFirstListenerAndOfTheLastOneLeaving() {
        InterestedDriver driver = new InterestedDriver();
        ProviderRegistry registry = ProviderRegistry.of(List.of(new FakeProvider("interested", Set.of("int"),
                InterestedDriver.class, r -> OpenResult.accepted(driver))));
        try (Connection c = Jvirt.builder().uri("int:///").providers(registry).open()) {
            assertThat(driver.told).as("nobody listens yet").isEmpty();
            Subscription first = c.onDomainEvent(e -> { });
            Subscription second = c.onDomainEvent(e -> { });
            assertThat(driver.told).containsExactly(true);
            first.close();
            assertThat(driver.told).containsExactly(true);
            second.close();
            second.close();
            assertThat(driver.told).containsExactly(true, false);
            Subscription again = c.onDomainEvent(e -> { });
            assertThat(driver.told).containsExactly(true, false, true);
            again.close();
        }
        assertThat(driver.told).containsExactly(true, false, true, false);
    }
}
