package io.atolldb.chaos.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** A recorded history survives the trip through its JSON lines file unchanged. */
class HistoryFileTest {
    @TempDir
    Path dir;

    @Test
    void aRecordedHistoryReadsBackIdenticallyInIndexOrder() throws Exception {
        Path file = dir.resolve("history.jsonl");
        AtomicLong clock = new AtomicLong();
        try (var recorder = new HistoryRecorder(clock::get, HistoryFile.create(file))) {
            var first = recorder.begin(0, Family.REGISTER, "r-1", OpKind.WRITE, "v1", null);
            var second = recorder.begin(1, Family.COUNTER, "c-1", OpKind.CAS, "2", "1");
            clock.set(5_000);
            second.complete(Outcome.OK, Op.APPLIED, null);
            clock.set(9_000);
            first.complete(Outcome.UNKNOWN, null, "timeout \"quoted\"\nnewline");
            assertThat(recorder.ops()).extracting(Op::index).containsExactly(0L, 1L);
            var read = HistoryFile.read(file);
            assertThat(read).isEqualTo(recorder.ops());
            assertThat(read.getFirst().error()).isEqualTo("timeout \"quoted\"\nnewline");
            assertThat(read.get(1).applied()).isTrue();
        }
        assertThat(Files.readAllLines(file)).hasSize(2);
    }
}
