package io.atolldb.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.atolldb.deploy.AdminServer;
import io.atolldb.deploy.ExternalTools;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.atolldb.deploy.k8s.RenderedChart.container;
import static io.atolldb.deploy.k8s.RenderedChart.containerPort;
import static io.atolldb.deploy.k8s.RenderedChart.elements;
import static io.atolldb.deploy.k8s.RenderedChart.env;
import static io.atolldb.deploy.k8s.RenderedChart.name;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invariants of deploy/helm/atoll, checked on what {@code helm template} renders: the 3-zone
 * topology, the disruption budgets, the probes, the security context and the data volumes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelmChartTest {
    private static final String DOMAIN = ".db.svc.cluster.local";
    private RenderedChart chart;

    @BeforeAll
    void render() throws Exception {
        chart = RenderedChart.render();
    }

    @Test
    void chartPassesHelmLint() throws Exception {
        var lint = ExternalTools.run(ExternalTools.require("helm").toString(), "lint", RenderedChart.CHART, "--strict");
        assertThat(lint.exitCode()).as(lint.output()).isZero();
    }

    @Test
    void eachOfTheFirstThreeZonesGetsExactlyOneMetadataReplicaPinnedToIt() {
        List<JsonNode> metadata = chart.workloads("metadata");
        assertThat(metadata).hasSize(3).allSatisfy(sts -> {
            assertThat(sts.path("kind").asText()).isEqualTo("StatefulSet");
            assertThat(sts.path("spec").path("replicas").asInt()).isEqualTo(1);
            assertThat(requiredZones(sts)).containsExactly(env(container(sts), "ATOLL_ZONE").orElseThrow());
        });
        assertThat(metadata.stream().map(sts -> requiredZones(sts).getFirst()))
                .containsExactlyInAnyOrder("zone-a", "zone-b", "zone-c");
    }

    @Test
    void metadataPeersNameEveryReplicaByItsPodAndStableDnsName() {
        var service = chart.named("Service", "atoll-metadata");
        assertThat(service.path("spec").path("clusterIP").asText()).isEqualTo("None");
        assertThat(service.path("spec").path("publishNotReadyAddresses").asBoolean()).isTrue();
        List<String> expected = new ArrayList<>();
        for (JsonNode sts : chart.workloads("metadata")) {
            assertThat(sts.path("spec").path("serviceName").asText()).isEqualTo("atoll-metadata");
            String pod = name(sts) + "-0";
            String host = pod + ".atoll-metadata" + DOMAIN;
            expected.add(pod + "@" + requiredZones(sts).getFirst() + "@" + host + ":7101@" + host + ":7100");
            assertThat(container(sts).path("env").findValuesAsText("fieldPath")).containsExactly("metadata.name");
        }
        for (JsonNode sts : chart.workloads("metadata")) {
            assertThat(env(container(sts), "ATOLL_METADATA_PEERS").orElseThrow().split(","))
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
        String addresses = env(container(chart.workloads("router").getFirst()), "ATOLL_METADATA").orElseThrow();
        assertThat(addresses.split(",")).containsExactlyInAnyOrderElementsOf(
                expected.stream().map(peer -> peer.substring(peer.lastIndexOf('@') + 1)).toList());
    }

    @Test
    void eachZoneGetsOneStorageStatefulSetWithReplicasPerZonePinnedToIt() throws Exception {
        var custom = RenderedChart.render("zones={east-1,east-2,east-3,east-4}", "nodes.replicasPerZone=3");
        List<JsonNode> nodes = custom.workloads("node");
        assertThat(nodes).hasSize(4).allSatisfy(sts -> {
            JsonNode node = container(sts);
            assertThat(sts.path("kind").asText()).isEqualTo("StatefulSet");
            assertThat(sts.path("spec").path("replicas").asInt()).isEqualTo(3);
            assertThat(requiredZones(sts)).containsExactly(env(node, "ATOLL_ZONE").orElseThrow());
            assertThat(sts.path("spec").path("serviceName").asText()).isEqualTo("atoll-node");
            assertThat(env(node, "ATOLL_ADVERTISE_HOST")).hasValue("$(ATOLL_ID).atoll-node" + DOMAIN);
            assertThat(node.path("env").findValuesAsText("fieldPath")).containsExactly("metadata.name");
        });
        assertThat(nodes.stream().map(sts -> requiredZones(sts).getFirst()))
                .containsExactlyInAnyOrder("east-1", "east-2", "east-3", "east-4");
        assertThat(custom.workloads("metadata").stream().map(sts -> requiredZones(sts).getFirst()))
                .containsExactlyInAnyOrder("east-1", "east-2", "east-3");
    }

    @Test
    void everyPodIsSelectedByExactlyOneDisruptionBudgetAndStorageNodesShareOneAcrossZones() {
        List<JsonNode> budgets = chart.ofKind("PodDisruptionBudget");
        for (JsonNode workload : chart.allWorkloads()) {
            JsonNode podLabels = workload.path("spec").path("template").path("metadata").path("labels");
            assertThat(budgets.stream().filter(pdb -> RenderedChart.selects(pdb.path("spec").path("selector"), podLabels)))
                    .as("budgets selecting %s (eviction refuses pods with two)", name(workload)).hasSize(1);
        }
        JsonNode storage = chart.named("PodDisruptionBudget", "atoll-node");
        assertThat(storage.path("spec").path("maxUnavailable").asInt()).isEqualTo(1);
        assertThat(chart.workloads("node")).hasSize(3).allSatisfy(sts -> assertThat(RenderedChart.selects(
                storage.path("spec").path("selector"), sts.path("spec").path("template").path("metadata").path("labels"))).isTrue());
        assertThat(chart.named("PodDisruptionBudget", "atoll-metadata").path("spec").path("maxUnavailable").asInt()).isEqualTo(1);
    }

    @Test
    void statefulSetsRestartOnlyWhenAnOperatorDeletesAPod() {
        assertThat(chart.ofKind("StatefulSet")).hasSize(6).allSatisfy(sts ->
                assertThat(sts.path("spec").path("updateStrategy").path("type").asText()).isEqualTo("OnDelete"));
    }

    @Test
    void probesUseTheAdminPortAndItsHealthPaths() {
        assertThat(chart.allWorkloads()).hasSize(7).allSatisfy(workload -> {
            JsonNode container = container(workload);
            int adminPort = containerPort(container, "admin");
            assertThat(env(container, "ATOLL_ADMIN_PORT")).hasValue(String.valueOf(adminPort));
            assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/health");
            assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/live");
            assertThat(container.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/health/live");
            for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                assertThat(container.path(probe).path("httpGet").path("port").asText()).isEqualTo("admin");
            }
            JsonNode annotations = workload.path("spec").path("template").path("metadata").path("annotations");
            assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo(String.valueOf(adminPort));
            assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/metrics");
        });
    }

    @Test
    void theProbedPathsAreTheOnesTheAdminEndpointServes() throws Exception {
        Set<String> probed = new HashSet<>();
        for (JsonNode workload : chart.allWorkloads()) {
            for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                probed.add(container(workload).path(probe).path("httpGet").path("path").asText());
            }
        }
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        var http = HttpClient.newHttpClient();
        try (var admin = AdminServer.start("127.0.0.1", 0, registry, () -> true)) {
            for (String path : probed) {
                var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.port() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
            }
        }
        try (var admin = AdminServer.start("127.0.0.1", 0, registry, () -> false)) {
            var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("readiness of a process that cannot do its job").isEqualTo(503);
        }
    }

    @Test
    void everyPodRunsAsNonRootWithAReadOnlyRootAndNoCapabilities() {
        assertThat(chart.allWorkloads()).isNotEmpty().allSatisfy(workload -> {
            JsonNode pod = workload.path("spec").path("template").path("spec");
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
            assertThat(pod.path("securityContext").path("runAsUser").asInt()).isEqualTo(10001);
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
            assertThat(pod.path("enableServiceLinks").asBoolean(true)).as("service links would inject ATOLL_PORT and the like").isFalse();
            JsonNode security = container(workload).path("securityContext");
            assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
            assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
            assertThat(elements(security.path("capabilities").path("drop")).stream().map(JsonNode::asText)).containsExactly("ALL");
            assertThat(mountPathOf(workload, "tmp")).isEqualTo("/tmp");
            assertThat(volume(workload, "tmp").path("emptyDir").isObject()).isTrue();
        });
    }

    @Test
    void dataVolumeIsAClaimMountedWhereAtollDataPoints() throws Exception {
        var custom = RenderedChart.render("nodes.storage.storageClass=fast-ssd", "nodes.storage.size=500Gi");
        List<JsonNode> stateful = custom.ofKind("StatefulSet");
        assertThat(stateful).hasSize(6).allSatisfy(sts -> {
            String data = env(container(sts), "ATOLL_DATA").orElseThrow();
            assertThat(mountPathOf(sts, "data")).isEqualTo(data);
            JsonNode claim = sts.path("spec").path("volumeClaimTemplates").get(0);
            assertThat(name(claim)).isEqualTo("data");
            assertThat(sts.path("spec").path("persistentVolumeClaimRetentionPolicy").path("whenScaled").asText()).isEqualTo("Retain");
        });
        assertThat(custom.workloads("node")).allSatisfy(sts -> {
            JsonNode claim = sts.path("spec").path("volumeClaimTemplates").get(0).path("spec");
            assertThat(claim.path("storageClassName").asText()).isEqualTo("fast-ssd");
            assertThat(claim.path("resources").path("requests").path("storage").asText()).isEqualTo("500Gi");
        });
        assertThat(custom.workloads("metadata")).allSatisfy(sts ->
                assertThat(sts.path("spec").path("volumeClaimTemplates").get(0).path("spec").has("storageClassName")).isFalse());
    }

    @Test
    void storageNodesHandTheirLeadershipsOverBeforeStopping() {
        assertThat(chart.workloads("node")).allSatisfy(sts -> {
            JsonNode node = container(sts);
            List<String> command = elements(node.path("lifecycle").path("preStop").path("exec").path("command"))
                    .stream().map(JsonNode::asText).toList();
            assertThat(command).contains("wget", "--post-data")
                    .endsWith("http://127.0.0.1:" + containerPort(node, "admin") + "/admin/transfer-leadership");
            int timeout = Integer.parseInt(command.get(command.indexOf("timeout") + 1));
            assertThat(sts.path("spec").path("template").path("spec").path("terminationGracePeriodSeconds").asInt())
                    .isGreaterThan(timeout);
        });
    }

    @Test
    void theRouterServiceIsTheDynamoDbEndpointAndTheAutoscalerOwnsTheReplicaCount() {
        JsonNode service = chart.named("Service", "atoll");
        JsonNode api = elements(service.path("spec").path("ports")).stream()
                .filter(p -> p.path("name").asText().equals("dynamodb")).findFirst().orElseThrow();
        assertThat(api.path("port").asInt()).isEqualTo(8000);
        JsonNode router = chart.named("Deployment", "atoll-router");
        assertThat(containerPort(container(router), api.path("targetPort").asText())).isEqualTo(8000);
        assertThat(RenderedChart.selects(chart.named("PodDisruptionBudget", "atoll-router").path("spec").path("selector"),
                router.path("spec").path("template").path("metadata").path("labels"))).isTrue();
        assertThat(router.path("spec").has("replicas")).isFalse();
        JsonNode hpa = chart.named("HorizontalPodAutoscaler", "atoll-router");
        assertThat(hpa.path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo("atoll-router");
        assertThat(hpa.path("spec").path("minReplicas").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theServiceMonitorScrapesTheAdminPortThatEveryServiceExposes() throws Exception {
        assertThat(chart.ofKind("ServiceMonitor")).isEmpty();
        var monitored = RenderedChart.render("metrics.serviceMonitor.enabled=true");
        JsonNode endpoint = monitored.ofKind("ServiceMonitor").getFirst().path("spec").path("endpoints").get(0);
        assertThat(endpoint.path("port").asText()).isEqualTo("admin");
        assertThat(endpoint.path("path").asText()).isEqualTo("/metrics");
        assertThat(monitored.ofKind("Service")).hasSize(3).allSatisfy(service ->
                assertThat(elements(service.path("spec").path("ports")).stream().map(p -> p.path("name").asText())).contains("admin"));
    }

    @Test
    void longReleaseNamesStillGiveValidObjectNames() throws Exception {
        var result = RenderedChart.helmTemplate("a-rather-long-release-name-for-atoll-db");
        assertThat(result.exitCode()).as(result.output()).isZero();
        var rendered = RenderedChart.parse(result.output());
        assertThat(rendered.ofKind("StatefulSet")).allSatisfy(sts -> assertThat(name(sts).length())
                .as("a StatefulSet name leaves room for its controller-revision-hash label").isLessThanOrEqualTo(52));
        assertThat(rendered.objects()).allSatisfy(o -> assertThat(name(o).length()).isLessThanOrEqualTo(63));
    }

    @Test
    void theChartRefusesValuesTheClusterCannotRunWith() throws Exception {
        assertRefused("two zones", "at least three", "zones={a,b}");
        assertRefused("a zone twice", "only once", "zones={a,b,a}");
        assertRefused("a zone that cannot name a workload", "DNS label", "zones={a,b,Zone_C}");
        assertRefused("no storage node", "at least one", "nodes.replicasPerZone=0");
        assertRefused("TLS", "does not speak TLS", "tls.enabled=true");
    }

    private static void assertRefused(String what, String message, String... sets) throws Exception {
        var result = RenderedChart.helmTemplate("atoll", sets);
        assertThat(result.exitCode()).as("render with %s", what).isNotZero();
        assertThat(result.output()).as("render with %s", what).contains(message);
    }

    private static List<String> requiredZones(JsonNode workload) {
        JsonNode terms = workload.path("spec").path("template").path("spec").path("affinity").path("nodeAffinity")
                .path("requiredDuringSchedulingIgnoredDuringExecution").path("nodeSelectorTerms");
        assertThat(terms.size()).isEqualTo(1);
        JsonNode expression = terms.get(0).path("matchExpressions").get(0);
        assertThat(expression.path("key").asText()).isEqualTo("topology.kubernetes.io/zone");
        assertThat(expression.path("operator").asText()).isEqualTo("In");
        return elements(expression.path("values")).stream().map(JsonNode::asText).toList();
    }

    private static String mountPathOf(JsonNode workload, String volume) {
        Set<String> paths = new HashSet<>();
        for (JsonNode mount : elements(container(workload).path("volumeMounts"))) {
            if (mount.path("name").asText().equals(volume)) {
                paths.add(mount.path("mountPath").asText());
            }
        }
        assertThat(paths).as("mounts of volume %s in %s", volume, name(workload)).hasSize(1);
        return paths.iterator().next();
    }

    private static JsonNode volume(JsonNode workload, String volume) {
        return elements(workload.path("spec").path("template").path("spec").path("volumes")).stream()
                .filter(v -> v.path("name").asText().equals(volume)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + volume + " in " + name(workload)));
    }
}
