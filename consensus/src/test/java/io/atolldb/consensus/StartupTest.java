package io.atolldb.consensus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Starting and stopping a lone server. */
class StartupTest {
    @TempDir
    Path dir;

    @Test
    void serverOnAnEphemeralPortReportsThePortItGot() throws IOException {
        try (ConsensusServer server = ConsensusServer.start(
                ConsensusConfig.defaults("solo", "127.0.0.1", 0, dir), group -> {
                    throw new AssertionError("no group to re-open");
                })) {
            assertThat(server.raftPort()).isPositive();
            assertThat(server.nodeId()).isEqualTo("solo");
            assertThat(server.groupIds()).isEmpty();
        }
    }

    @Test
    void portAlreadyInUseFailsTheStartInsteadOfEndingTheProcess() throws IOException {
        final Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            final ConsensusConfig config = ConsensusConfig.defaults("solo", "127.0.0.1", taken.getLocalPort(), dir);

            assertThatThrownBy(() -> ConsensusServer.start(config, group -> {
                throw new AssertionError("no group to re-open");
            })).isInstanceOf(IOException.class).hasMessageContaining(Integer.toString(taken.getLocalPort()));
        }
        assertThat(Thread.getDefaultUncaughtExceptionHandler()).as("Ratis left the JVM's handler alone").isSameAs(before);
    }
}
