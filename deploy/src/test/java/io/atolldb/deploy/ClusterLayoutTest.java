package io.atolldb.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.atolldb.deploy.k8s.RenderedChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The local cluster's layout and its guards, without starting a process. */
class ClusterLayoutTest {
    private static final String NET = "127.0.42";

    @Test
    void theLayoutIsTheChartsTopologyWithOneLoopbackAddressPerProcess() {
        var members = ClusterCommand.layout(Path.of("/tmp/unused"), NET);
        assertThat(members.stream().map(ClusterCommand.Member::address).distinct()).hasSize(11)
                .allSatisfy(address -> assertThat(address).startsWith(NET + "."));
        assertThat(members.stream().filter(m -> m.role().equals("metadata")).map(ClusterCommand.Member::zone))
                .containsExactly("a", "b", "c");
        assertThat(members.stream().filter(m -> m.role().equals("node")).map(ClusterCommand.Member::zone))
                .containsExactly("a", "a", "b", "b", "c", "c");
        assertThat(members.stream().filter(m -> m.role().equals("router"))).hasSize(2);
        assertThat(members).allSatisfy(m -> assertThat(m.env().get("ATOLL_HOST")).isEqualTo(m.address()));
    }

    @Test
    void eachProcessGetsTheSameSettingsAndPortsAsTheChartGivesItsPod() throws Exception {
        var chart = RenderedChart.render();
        var members = ClusterCommand.layout(Path.of("/tmp/unused"), NET);
        for (String role : List.of("metadata", "node", "router")) {
            JsonNode container = RenderedChart.container(chart.workloads(role).getFirst());
            Set<String> chartSettings = new HashSet<>(RenderedChart.envNames(container));
            chartSettings.remove("JAVA_TOOL_OPTIONS");
            var member = members.stream().filter(m -> m.role().equals(role)).findFirst().orElseThrow();
            assertThat(member.env().keySet()).as("settings of a %s", role).containsExactlyInAnyOrderElementsOf(chartSettings);
            for (String port : List.of("ATOLL_RPC_PORT", "ATOLL_RAFT_PORT", "ATOLL_ADMIN_PORT", "ATOLL_PORT")) {
                if (member.env().containsKey(port)) {
                    assertThat(member.env().get(port)).as("%s of a %s", port, role).isEqualTo(RenderedChart.env(container, port).orElseThrow());
                }
            }
        }
    }

    @Test
    void addressesOutsideTheLoopbackRangeAreRefusedBeforeAnythingStarts(@TempDir Path dir) {
        for (String net : List.of("10.0.0", "127.0.300", "127.0")) {
            int code = new CommandLine(new Atoll()).execute("cluster", "up", "--dir", dir.toString(), "--net", net, "--wait", "0");
            assertThat(code).as("up --net %s", net).isNotZero();
        }
        assertThat(Files.exists(dir.resolve("run"))).isFalse();
    }

    @Test
    void aClusterKeepsTheAddressesItStartedWith(@TempDir Path dir) throws Exception {
        var state = new ClusterCommand.StateOptions();
        state.dir = dir;
        state.net = NET;
        assertThat(state.resolveNet(true)).isEqualTo(NET);
        state.net = null;
        assertThat(state.resolveNet(false)).isEqualTo(NET);
        int code = new CommandLine(new Atoll()).execute("cluster", "status", "--dir", dir.toString(), "--net", "127.0.43");
        assertThat(code).isNotZero();
    }

    @Test
    void statusOfAStoppedClusterFailsAndDownOfAnUnknownMemberIsRefused(@TempDir Path dir) {
        assertThat(new CommandLine(new Atoll()).execute("cluster", "status", "--dir", dir.toString())).isEqualTo(1);
        assertThat(new CommandLine(new Atoll()).execute("cluster", "down", "--dir", dir.toString(), "node-z-9")).isEqualTo(2);
        assertThat(new CommandLine(new Atoll()).execute("cluster", "down", "--dir", dir.toString())).isZero();
    }
}
