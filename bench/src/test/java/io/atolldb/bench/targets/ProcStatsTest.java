package io.atolldb.bench.targets;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProcStatsTest {

    @Test
    void cpuTicksAreFields14And15EvenWhenTheCommandHasSpacesAndParentheses() {
        String stat = "4242 (ceiling-1 (x) y) S 1 4242 4242 0 -1 4194560 1200 0 0 0 731 129 0 0 20 0 40 0 123 0 0";
        assertThat(ProcStats.parseCpuTicks(stat)).isEqualTo(731 + 129);
        assertThat(ProcStats.command(stat)).isEqualTo("ceiling-1 (x) y");
    }

    @Test
    void peakMemoryIsVmHwm() {
        assertThat(ProcStats.parseVmHwmBytes(List.of("Name:\tjava", "VmPeak:\t  900 kB", "VmHWM:\t   2048 kB", "VmRSS:\t 100 kB")))
                .isEqualTo(2048L * 1024);
        assertThat(ProcStats.parseVmHwmBytes(List.of("Name:\tkthread"))).isZero();
    }

    @Test
    void readsThisProcessAndItsThreads() {
        long pid = ProcessHandle.current().pid();
        long before = ProcStats.treeCpuNanos(pid);
        // Burn some CPU on a named thread so its time shows in /proc/self/task.
        var thread = new Thread(() -> {
            long x = 0;
            long end = System.nanoTime() + 300_000_000L;
            while (System.nanoTime() < end) {
                x += Long.numberOfTrailingZeros(x + System.nanoTime());
            }
            if (x == 42) {
                System.out.print("");
            }
        }, "procstats-burn");
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(ProcStats.treeCpuNanos(pid)).isGreaterThan(before);
        assertThat(ProcStats.treePeakMemoryBytes(pid)).isGreaterThan(10L << 20);
        assertThat(ProcStats.ownThreadsCpuNanos(List.of("no-such-thread-"))).isZero();
    }
}
