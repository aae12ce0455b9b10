package io.atolldb.bench.targets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads CPU time and peak memory from Linux's /proc: utime + stime of /proc/PID/stat (fields 14 and 15,
 * in clock ticks) and VmHWM of /proc/PID/status (the resident set's high-water mark).
 */
public final class ProcStats {
    /** USER_HZ: the unit of utime and stime. 100 on every Linux architecture the JDK runs on. */
    static final long TICKS_PER_SECOND = 100;

    private ProcStats() {
    }

    /** utime + stime of one process or thread stat file, in nanoseconds; 0 when it is gone. */
    public static long cpuNanos(Path statFile) {
        try {
            return parseCpuTicks(Files.readString(statFile)) * (1_000_000_000L / TICKS_PER_SECOND);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** utime + stime from the text of a stat file; the command name (field 2) may hold spaces and parentheses. */
    static long parseCpuTicks(String stat) {
        String[] rest = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // rest[0] is field 3 (state); utime is field 14, stime field 15.
        return Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
    }

    /** The thread name (comm) of a stat file's text. */
    static String command(String stat) {
        return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    }

    /** CPU nanoseconds of {@code pid} and every process descended from it. */
    public static long treeCpuNanos(long pid) {
        return tree(pid).mapToLong(p -> cpuNanos(Path.of("/proc", Long.toString(p), "stat"))).sum();
    }

    /** VmHWM of {@code pid} and its descendants, summed, in bytes. */
    public static long treePeakMemoryBytes(long pid) {
        return tree(pid).mapToLong(ProcStats::peakMemoryBytes).sum();
    }

    static long peakMemoryBytes(long pid) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
            return parseVmHwmBytes(lines);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long parseVmHwmBytes(List<String> statusLines) {
        for (var line : statusLines) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
            }
        }
        return 0;
    }

    /**
     * CPU nanoseconds of this process's threads whose name starts with one of {@code prefixes}
     * (from /proc/self/task/TID/stat; Java threads carry their name there, cut to 15 characters).
     */
    public static long ownThreadsCpuNanos(List<String> prefixes) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.mapToLong(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = command(stat);
                    return prefixes.stream().anyMatch(name::startsWith)
                            ? parseCpuTicks(stat) * (1_000_000_000L / TICKS_PER_SECOND) : 0;
                } catch (IOException e) {
                    return 0; // the thread ended while we listed
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Long> tree(long pid) {
        return ProcessHandle.of(pid).stream()
                .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
                .map(ProcessHandle::pid);
    }
}
