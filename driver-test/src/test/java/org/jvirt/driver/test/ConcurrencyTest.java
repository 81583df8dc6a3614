package org.jvirt.driver.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jvirt.api.Connection;
import org.jvirt.api.Domain;
import org.jvirt.core.Jvirt;
import org.junit.jupiter.api.Test;

/** Many threads on one connection: nothing lost, nothing duplicated, no deadlock. */
class ConcurrencyTest {

    @Test
    void parallelDefinesAndLifecycles() throws Exception {
        try (Connection c = Jvirt.open("test:///default")) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        String name = "c" + thread + "-" + i;
                        Domain d = c.defineDomain("<domain type='test'><name>" + name
                                + "</name><memory>1024</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>");
                        d.start();
                        d.suspend();
                        d.resume();
                        d.destroy();
                        c.domainByName("test").info();
                        if (i % 2 == 0) {
                            d.undefine();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(c.definedDomainCount()).isEqualTo(8 * 25);
            assertThat(c.listAllDomains()).hasSize(8 * 25 + 1);
            assertThat(c.activeDomainIds()).containsExactly(1);
        }
    }
}
