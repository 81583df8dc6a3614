package org.jvirt.proxy.remote.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;

/**
 * A daemon reached through a process that speaks libvirt's protocol on its standard input and output — the
 * {@code ssh} client ({@link SshTransport}) or the command of libvirt's {@code ext} transport — as libvirt's
 * {@code virNetSocketNewConnectCommand} runs it: a cleaned environment, standard error kept for
 * {@link #farSideErrors()}. Closing ends the process (SIGTERM, then SIGKILL if it lingers), as libvirt does.
 */
public final class CommandTransport implements Transport {
    private static final System.Logger LOG = System.getLogger(CommandTransport.class.getName());
    /** How long the last words on standard error may take to arrive once the stream has ended. */
    private static final long STDERR_GRACE_MILLIS = 2000;
    /** How long a process has to end after SIGTERM before it is killed. */
    private static final long TERM_GRACE_MILLIS = 2000;
    /** What libvirt's {@code virCommandAddEnvPassCommon} passes on (LC_ALL is set to C). */
    static final List<String> COMMON_ENVIRONMENT = List.of("LD_PRELOAD", "LD_LIBRARY_PATH", "DYLD_INSERT_LIBRARIES",
            "DYLD_FORCE_FLAT_NAMESPACE", "PATH", "HOME", "USER", "LOGNAME", "TMPDIR");

    private final Process process;
    private final String description;
    private final ReadableByteChannel in;
    private final WritableByteChannel out;
    private final StderrTail stderr;
    private final AtomicBoolean closed = new AtomicBoolean();

    private CommandTransport(Process process, String description) {
        this.process = process;
        this.description = description;
        this.in = Channels.newChannel(process.getInputStream());
        this.out = new FlushingChannel(process.getOutputStream());
        this.stderr = new StderrTail(process.getErrorStream(), description);
    }

    /**
     * Starts {@code argv} with libvirt's common environment plus the variables {@code passed} from this process's.
     *
     * @param description what the process reaches, for messages, e.g. {@code ssh root@host}
     * @throws VirtException SYSTEM_ERROR "Cannot find 'PROGRAM' in path" when the program is missing, or the
     *     system's reason it could not start
     */
    public static CommandTransport start(List<String> argv, List<String> passed, String description) {
        Objects.requireNonNull(description, "description");
        ProcessBuilder pb = new ProcessBuilder(argv);
        Map<String, String> env = pb.environment();
        Map<String, String> mine = System.getenv();
        env.clear();
        env.put("LC_ALL", "C");
        for (String name : COMMON_ENVIRONMENT) {
            copy(mine, env, name);
        }
        for (String name : passed) {
            copy(mine, env, name);
        }
        String program = argv.get(0);
        if (program.contains("/") && !Files.isExecutable(Path.of(program))) {
            throw notFound(program, null);
        }
        try {
            return new CommandTransport(pb.start(), description);
        } catch (IOException e) {
            if (!program.contains("/") && String.valueOf(e.getMessage()).contains("error=2,")) {
                throw notFound(program, e);
            }
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.RPC, "Failed to run " + program + ": "
                    + e.getMessage(), null, null, e);
        }
    }

    private static VirtException notFound(String program, IOException cause) {
        return new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.RPC,
                "Cannot find '" + program + "' in path: No such file or directory", null, null, cause);
    }

    private static void copy(Map<String, String> from, Map<String, String> to, String name) {
        String v = from.get(name);
        if (v != null) {
            to.put(name, v);
        }
    }

    @Override
    public ReadableByteChannel in() {
        return in;
    }

    @Override
    public WritableByteChannel out() {
        return out;
    }

    @Override
    public String describe() {
        return description;
    }

    /**
     * What the process wrote on its standard error (its last {@value StderrTail#LIMIT} bytes), waiting a little
     * for the last of it when the process is ending: for ssh, its own complaint ("Permission denied (publickey)",
     * "Could not resolve hostname ...") or the far side's ("sh: 1: nc: not found").
     */
    @Override
    public String farSideErrors() {
        return stderr.text(STDERR_GRACE_MILLIS);
    }

    /** The process, for tests and diagnostics. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        quietly(out::close);
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(TERM_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, description + " did not end on SIGTERM: killed");
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        quietly(in::close);
    }

    private void quietly(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing " + description + ": " + e.getMessage());
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    /** The process's standard input, flushed after every write (the JDK buffers it). */
    private static final class FlushingChannel implements WritableByteChannel {
        private final OutputStream stream;
        private volatile boolean open = true;

        FlushingChannel(OutputStream stream) {
            this.stream = stream;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            if (!open) {
                throw new ClosedChannelException();
            }
            int n = src.remaining();
            if (src.hasArray()) {
                stream.write(src.array(), src.arrayOffset() + src.position(), n);
                src.position(src.limit());
            } else {
                byte[] copy = new byte[n];
                src.get(copy);
                stream.write(copy);
            }
            stream.flush();
            return n;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() throws IOException {
            open = false;
            stream.close();
        }
    }
}
