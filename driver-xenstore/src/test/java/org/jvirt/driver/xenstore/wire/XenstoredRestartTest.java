package org.jvirt.driver.xenstore.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.api.ErrorCode;
import org.jvirt.driver.xenstore.testing.Poll;
import org.jvirt.driver.xenstore.testing.RealXenstored;

/** The real xenstored dies and comes back under a live client: it must notice, reconnect and say what it missed. */
class XenstoredRestartTest {
    @TempDir
    Path dir;
    RealXenstored xenstored;

    @AfterEach
    void stop() {
        if (xenstored != null) {
            xenstored.close();
        }
    }

    @Test
    void aRestartedXenstoredIsReconnectedWithItsWatchesAndTheGapIsReported() throws Exception {
        xenstored = RealXenstored.start(dir);
        try (XenstoreClient c = XenstoreClient.connect(xenstored.socket(), Duration.ofSeconds(5))) {
            LinkedBlockingQueue<String> changes = new LinkedBlockingQueue<>();
            LinkedBlockingQueue<String> gaps = new LinkedBlockingQueue<>();
            c.watch("/test/r", new XsWatchListener() {
                @Override
                public void changed(String path) {
                    changes.add(path);
                }

                @Override
                public void eventsMayHaveBeenMissed(String reason) {
                    gaps.add(reason);
                }
            });
            assertThat(changes.poll(5, TimeUnit.SECONDS)).isEqualTo("/test/r");
            c.write("/test/r/before", "1");
            assertThat(changes.poll(5, TimeUnit.SECONDS)).isEqualTo("/test/r/before");

            xenstored.kill();
            Poll.until(Duration.ofSeconds(5), "the client notices xenstored is gone", () -> !c.isConnected());
            long start = System.nanoTime();
            assertThatThrownBy(() -> c.read("/test/r/before")).isInstanceOfSatisfying(XenstoreException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_XENSTORE));
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                    .as("a request while xenstored is down fails at once").isLessThan(2000);

            xenstored.restart();
            String gap = gaps.poll(10, TimeUnit.SECONDS);
            assertThat(gap).as("the gap is reported once the client is back").isNotNull()
                    .contains("may have been missed").contains(xenstored.socket().toString());
            assertThat(changes.poll(5, TimeUnit.SECONDS)).as("the watch is registered again (and fires once)")
                    .isEqualTo("/test/r");
            assertThat(c.readIfPresent("/test/r/before")).as("a new xenstored has a new, empty store").isEmpty();
            try (XenstoreClient other = XenstoreClient.connect(xenstored.socket(), Duration.ofSeconds(5))) {
                other.write("/test/r/after", "2");
            }
            assertThat(changes.poll(5, TimeUnit.SECONDS)).as("events flow again").isEqualTo("/test/r/after");
        }
    }

    @Test
    void withoutWatchesTheNextRequestReconnects() {
        xenstored = RealXenstored.start(dir);
        try (XenstoreClient c = XenstoreClient.connect(xenstored.socket(), Duration.ofSeconds(5))) {
            c.write("/test/x", "1");
            xenstored.restart();
            Poll.until(Duration.ofSeconds(5), "the client notices the old xenstored is gone", () -> !c.isConnected());
            c.write("/test/y", "2");
            assertThat(c.readString("/test/y")).isEqualTo("2");
            assertThat(c.isConnected()).isTrue();
        }
    }
}
