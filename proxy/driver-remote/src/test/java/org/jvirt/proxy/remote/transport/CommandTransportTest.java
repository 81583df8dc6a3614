package org.jvirt.proxy.remote.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.VirtException;
import org.junit.jupiter.api.Test;

/** A process as a transport: its streams carry the protocol, its standard error is kept, closing ends it. */
class CommandTransportTest {
    private static CommandTransport sh(String script) {
        return CommandTransport.start(List.of("/bin/sh", "-c", script), List.of(), "test script");
    }

    private static String readAll(CommandTransport t) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(4096);
        while (t.in().read(buf.clear()) >= 0) {
            all.write(buf.array(), 0, buf.position());
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    @Test
    void bytesGoThroughBothWays() throws IOException {
        try (CommandTransport t = sh("head -c 5")) {
            t.out().write(ByteBuffer.wrap("hello, world".getBytes(StandardCharsets.UTF_8)));
            assertThat(readAll(t)).isEqualTo("hello");
        }
    }

    @Test
    void closingEndsTheProcessAndItsChildren() {
        CommandTransport t = sh("sleep 600 & sleep 600; wait");
        ProcessHandle process = t.process();
        List<ProcessHandle> children = new ArrayList<>();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (children.size() < 2 && System.nanoTime() < deadline) {
            children = process.children().toList();
            Thread.onSpinWait();
        }
        assertThat(children).hasSize(2);
        t.close();
        assertThat(process.isAlive()).isFalse();
        for (ProcessHandle child : children) {
            assertThat(child.onExit()).succeedsWithin(java.time.Duration.ofSeconds(30));
        }
        t.close(); // again: nothing happens
    }

    @Test
    void standardErrorIsKeptToItsLastBytes() throws IOException {
        try (CommandTransport t = sh("head -c 100000 /dev/zero | tr '\\0' x >&2; echo; echo 'the cause' >&2")) {
            readAll(t);
            String said = t.farSideErrors();
            assertThat(said).endsWith("xxxthe cause").hasSizeLessThanOrEqualTo(StderrTail.LIMIT);
        }
    }

    @Test
    void theEnvironmentIsLibvirtsCommonOne() throws IOException {
        try (CommandTransport t = sh("env")) {
            Set<String> names = new HashSet<>();
            for (String line : readAll(t).split("\n")) {
                names.add(line.substring(0, line.indexOf('=')));
            }
            assertThat(names).contains("LC_ALL", "PATH");
            Set<String> allowed = new HashSet<>(CommandTransport.COMMON_ENVIRONMENT);
            allowed.addAll(List.of("LC_ALL", "PWD", "SHLVL", "_"));  // the last three: sh's own
            assertThat(allowed).containsAll(names);
        }
    }

    @Test
    void aMissingProgramIsNamedAsLibvirtNamesIt() {
        VirtException e = catchThrowableOfType(() -> CommandTransport.start(List.of("no-such-program-jvirt"), List.of(),
                "x"), VirtException.class);
        assertThat(e.code()).isEqualTo(ErrorCode.SYSTEM_ERROR);
        assertThat(e.getMessage()).isEqualTo("Cannot find 'no-such-program-jvirt' in path: No such file or directory");
    }
}
