package io.atolldb.bench.profile;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * A CPU profile of a server process over the measured phase only: async-profiler (its native library
 * comes inside the Maven Central artifact) loaded into the running server through the JDK's attach API,
 * started when the measured phase starts and stopped when it ends, so neither start-up, loading nor the
 * JIT compiler's warm-up is in it.
 *
 * <p>Samples are taken from Linux perf events ({@code event=cpu}) and carry Java, native and kernel frames,
 * one tree per thread: what a flight recording cannot show, since most of a write's cost here is kernel time
 * (context switches, futexes, fsync). Where perf events are not allowed (a container without the
 * capability, {@code perf_event_paranoid} above 1 for non-root), it falls back to {@code itimer}, which
 * sees Java and native frames only. Two files per profiled target: {@code <target>-cpu.html}, an
 * interactive flame graph, and {@code <target>-cpu.collapsed}, one line per distinct stack with its sample
 * count, for grep and scripts.
 */
public final class CpuProfiler {
    /** One sample every 2 ms of CPU time per thread: about 30,000 samples a minute on two busy cores. */
    private static final String INTERVAL = "2ms";

    private final Path library;
    private final Path outputDir;

    private CpuProfiler(Path library, Path outputDir) {
        this.library = library;
        this.outputDir = outputDir;
    }

    /** Unpacks the profiler's native library for this machine into {@code outputDir}. */
    public static CpuProfiler prepare(Path outputDir) throws IOException {
        String platform = platform();
        try (InputStream in = CpuProfiler.class.getResourceAsStream("/" + platform + "/libasyncProfiler.so")) {
            if (in == null) {
                throw new IOException("async-profiler has no library for " + platform + " in this build");
            }
            Path dir = Files.createDirectories(outputDir.resolve("async-profiler"));
            Path library = dir.resolve("libasyncProfiler.so");
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
            return new CpuProfiler(library.toAbsolutePath(), outputDir.toAbsolutePath());
        }
    }

    /** The JVM option a server needs so that loading the profiler later does not print a warning. */
    public static String serverJvmOption() {
        return "-XX:+EnableDynamicAgentLoading";
    }

    static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            throw new IllegalStateException("--profile needs Linux (async-profiler's perf events), not " + os);
        }
        return switch (arch) {
            case "amd64", "x86_64" -> "linux-x64";
            case "aarch64", "arm64" -> "linux-arm64";
            default -> throw new IllegalStateException("--profile: async-profiler has no library for " + arch);
        };
    }

    /** Starts sampling the JVM with process id {@code pid}; {@code name} names the output files. */
    public Session start(String name, long pid) throws IOException {
        try {
            command(pid, "start,event=cpu,interval=" + INTERVAL + ",threads");
            return new Session(name, pid, "cpu");
        } catch (IOException perfEventsRefused) {
            command(pid, "start,event=itimer,interval=" + INTERVAL + ",threads");
            return new Session(name, pid, "itimer");
        }
    }

    /** A running profile of one process. */
    public final class Session {
        private final String name;
        private final long pid;
        private final String event;

        private Session(String name, long pid, String event) {
            this.name = name;
            this.pid = pid;
            this.event = event;
        }

        /** The sampling event in use: {@code cpu} (perf events, kernel frames) or {@code itimer}. */
        public String event() {
            return event;
        }

        /** Stops sampling and writes the flame graph and the collapsed stacks; returns the flame graph. */
        public Path stop() throws IOException {
            Path collapsed = outputDir.resolve(name + "-cpu.collapsed");
            Path flameGraph = outputDir.resolve(name + "-cpu.html");
            command(pid, "stop,file=" + collapsed + ",collapsed");
            // After a stop the profiler keeps the samples, so a second output of them can be asked for.
            command(pid, "dump,file=" + flameGraph + ",flamegraph,title=" + name + " CPU (" + event + ")");
            return flameGraph;
        }
    }

    private void command(long pid, String options) throws IOException {
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException e) {
            throw new IOException("cannot attach to process " + pid + ": " + e.getMessage(), e);
        }
        try {
            vm.loadAgentPath(library.toString(), options);
        } catch (AgentLoadException | AgentInitializationException e) {
            throw new IOException("async-profiler refused '" + options + "' in process " + pid + ": " + e.getMessage(), e);
        } finally {
            vm.detach();
        }
    }
}
