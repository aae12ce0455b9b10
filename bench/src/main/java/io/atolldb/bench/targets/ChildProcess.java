package io.atolldb.bench.targets;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server the harness starts as a separate process, output to a log file, stopped by its PID:
 * SIGTERM, then SIGKILL if it has not ended within the grace period.
 */
public final class ChildProcess implements AutoCloseable {
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final Process process;
    private final Path log;

    private ChildProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static ChildProcess start(List<String> command, Path workDir, Path log) throws IOException {
        var builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        return new ChildProcess(builder.start(), log);
    }

    /** The java binary this harness runs on, so every target uses the same JDK. */
    public static String java() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    public ResourceProbe probe() {
        long pid = process.pid();
        return new ResourceProbe() {
            @Override
            public long cpuNanos() {
                return ProcStats.treeCpuNanos(pid);
            }

            @Override
            public long peakMemoryBytes() {
                return ProcStats.treePeakMemoryBytes(pid);
            }
        };
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        var children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
