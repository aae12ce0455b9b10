package io.atolldb.deploy;

import io.atolldb.deploy.monitoring.PromQl;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Every metric the alert rules and the Grafana dashboard read exists in a real /metrics scrape of a
 * dev cluster that has served requests (or is one of the few that Prometheus or the kubelet provide).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitoredMetricsExistTest {
    /** Read by rules or panels, exported by Prometheus itself (up) or by the kubelet (volume statistics). */
    private static final Set<String> EXTERNAL = Set.of("up", "kubelet_volume_stats_available_bytes", "kubelet_volume_stats_capacity_bytes");

    private DevCluster cluster;
    private Set<String> exported;

    @BeforeAll
    void scrapeADevClusterThatServedRequests(@TempDir Path data) throws Exception {
        PrometheusMeterRegistry registry = Processes.registry("dev");
        cluster = DevCluster.start(data, "127.0.0.1", 0, 2, registry);
        await().atMost(Duration.ofSeconds(60)).until(cluster::isReady);
        try (DynamoDbClient client = Dynamo.client(cluster.endpoint())) {
            Dynamo.createTable(client, "scraped");
            client.putItem(b -> b.tableName("scraped").item(Map.of("id", AttributeValue.fromS("a"))));
            client.getItem(b -> b.tableName("scraped").key(Map.of("id", AttributeValue.fromS("a"))).consistentRead(true));
            assertThatThrownBy(() -> client.getItem(b -> b.tableName("absent").key(Map.of("id", AttributeValue.fromS("a")))))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
        exported = new TreeSet<>();
        registry.scrape().lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .forEach(line -> exported.add(line.split("[{ ]", 2)[0]));
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theScrapeHasTheMetricsOfEveryRole() {
        assertThat(exported).contains("atoll_router_requests_seconds_bucket", "atoll_node_requests_seconds_count",
                "atoll_node_partitions", "atoll_metadata_leader", "jvm_memory_used_bytes");
    }

    @Test
    void everyMetricTheAlertRulesReadIsExported() throws Exception {
        Set<String> read = new TreeSet<>();
        for (var alert : PromQl.alerts(ExternalTools.ROOT.resolve("deploy/prometheus/atoll-rules.yml"))) {
            read.addAll(PromQl.metricNames(alert.path("expr").asText()));
        }
        assertThat(read).contains("atoll_node_leaders", "atoll_router_requests_seconds_count", "up");
        assertThat(read).allSatisfy(name -> assertThat(exported.contains(name) || EXTERNAL.contains(name))
                .as("%s is exported by AtollDB or provided by Prometheus/kubelet", name).isTrue());
    }

    @Test
    void everyMetricTheDashboardReadsIsExported() throws Exception {
        Set<String> read = new TreeSet<>();
        for (String expression : PromQl.dashboardExpressions(ExternalTools.ROOT.resolve("deploy/grafana/atoll-overview.json"))) {
            read.addAll(PromQl.metricNames(expression));
        }
        assertThat(read).contains("atoll_node_raft_apply_lag", "atoll_router_requests_seconds_bucket", "jvm_memory_used_bytes");
        assertThat(read).allSatisfy(name -> assertThat(exported.contains(name) || EXTERNAL.contains(name))
                .as("%s is exported by AtollDB or provided by Prometheus/kubelet", name).isTrue());
    }

    @Test
    void theMetricNameReaderFindsMetricsAndNothingElse() {
        assertThat(PromQl.metricNames("sum by (namespace, zone) (rate(atoll_x_total{outcome=~\"a|b\"}[5m])) "
                + "/ on (namespace) group_left () max(up{job=\"atoll\"} == 0) > 1e3 and absent(kubelet_y)"))
                .containsExactly("atoll_x_total", "kubelet_y", "up");
    }
}
