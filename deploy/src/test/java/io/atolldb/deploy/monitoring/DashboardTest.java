package io.atolldb.deploy.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atolldb.deploy.ExternalTools;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/grafana/atoll-overview.json is a well-formed dashboard whose panels all query Prometheus. */
class DashboardTest {
    private static final Path DASHBOARD = ExternalTools.ROOT.resolve("deploy/grafana/atoll-overview.json");

    @Test
    void everyGraphPanelQueriesThroughTheDatasourceVariable() throws Exception {
        JsonNode root = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<JsonNode> panels = PromQl.elements(root.path("panels"));
        assertThat(panels.stream().map(p -> p.path("id").asInt()).distinct()).hasSameSizeAs(panels);
        assertThat(panels.stream().filter(p -> List.of("stat", "timeseries").contains(p.path("type").asText())))
                .hasSizeGreaterThan(20).allSatisfy(panel -> {
                    assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
                    assertThat(panel.path("targets").size()).isPositive();
                    assertThat(panel.path("targets").findValuesAsText("expr")).allSatisfy(expr -> assertThat(expr).isNotBlank());
                    JsonNode grid = panel.path("gridPos");
                    assertThat(grid.path("x").asInt() + grid.path("w").asInt()).isLessThanOrEqualTo(24);
                });
    }

    @Test
    void theDashboardCoversTheClusterTablesZonesAndNodes() throws Exception {
        JsonNode root = new ObjectMapper().readTree(DASHBOARD.toFile());
        assertThat(PromQl.elements(root.path("panels")).stream().filter(p -> p.path("type").asText().equals("row"))
                .map(p -> p.path("title").asText())).containsExactly("Cluster overview", "Elastic partitions", "Per table", "Per zone", "Per node");
        assertThat(root.path("templating").path("list").findValuesAsText("name")).contains("datasource", "namespace", "zone", "node");
    }
}
