package io.atolldb.chaos.cli;

import io.atolldb.chaos.history.Family;
import io.atolldb.chaos.history.HistoryFile;
import io.atolldb.chaos.history.Op;
import io.atolldb.chaos.history.OpKind;
import io.atolldb.chaos.history.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The command's options, exit codes and the replay of a saved history. */
class ChaosCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = ChaosCommand.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    private static Op op(long index, OpKind kind, String value, String result, long invokeMs, long completeMs) {
        return new Op(index, 0, Family.REGISTER, "r-1", kind, value, null, Outcome.OK, result, invokeMs * 1_000_000,
                completeMs * 1_000_000, null);
    }

    @Test
    void replayingALinearizableHistoryExitsZero() throws Exception {
        Path history = dir.resolve("history.jsonl");
        HistoryFile.write(history, List.of(op(0, OpKind.WRITE, "a", null, 0, 1), op(1, OpKind.READ, null, "a", 2, 3)));
        assertThat(run("--replay", history.toString())).isZero();
        assertThat(out.toString()).isEqualTo("chaos replay: ops=2 ok=2 failed=0 unknown=0 lost=0 linearizable=yes" + System.lineSeparator());
    }

    @Test
    void replayingAHistoryWithAStaleReadExitsOneAndExplains() throws Exception {
        Path history = dir.resolve("history.jsonl");
        HistoryFile.write(history, List.of(op(0, OpKind.WRITE, "a", null, 0, 1), op(1, OpKind.WRITE, "b", null, 2, 3),
                op(2, OpKind.READ, null, "a", 4, 5)));
        assertThat(run("--replay", history.toString())).isEqualTo(ChaosCommand.FAILED);
        assertThat(out.toString()).contains("linearizable=no");
        assertThat(err.toString()).contains("NOT_LINEARIZABLE r-1: no linearization");
    }

    @Test
    void unknownFaultsAndWorkloadsAreUsageErrors() {
        assertThat(run("--faults", "kill,meteor")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown fault 'meteor'");
        assertThat(run("--workloads", "queue")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown workload 'queue'");
        assertThat(run("--replay", dir.resolve("missing.jsonl").toString())).isEqualTo(2);
    }

    @Test
    void helpListsEveryOption() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--duration", "--seed", "--faults", "--workloads", "--cas", "--clients", "--rate",
                "--timeout", "--jar", "--reports", "--replay", "linearizable=yes|no");
    }

    @Test
    void faultNamesParseAndNoneMeansNoFaults() {
        assertThat(ChaosCommand.parseFaults(List.of("none"))).isEmpty();
        assertThat(ChaosCommand.parseFaults(List.of("kill", "zone", "kill"))).hasSize(2);
        assertThat(ChaosCommand.parseWorkloads(List.of("register", "Counter"))).containsExactlyInAnyOrder(Family.REGISTER, Family.COUNTER);
    }
}
