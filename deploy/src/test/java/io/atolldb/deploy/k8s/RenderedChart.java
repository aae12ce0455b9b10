package io.atolldb.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.atolldb.deploy.ExternalTools;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart deploy/helm/atoll rendered by {@code helm template} (release "atoll", namespace "db")
 * into its Kubernetes objects, with lookups the tests share.
 */
public record RenderedChart(String yaml, List<JsonNode> objects) {
    public static final String CHART = "deploy/helm/atoll";
    private static final YAMLMapper YAML = new YAMLMapper();

    /** Renders with the given {@code --set} values; the render must succeed. */
    public static RenderedChart render(String... sets) throws IOException, InterruptedException {
        var result = helmTemplate("atoll", sets);
        assertThat(result.exitCode()).as(result.output()).isZero();
        return parse(result.output());
    }

    public static ExternalTools.Result helmTemplate(String release, String... sets) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ExternalTools.require("helm").toString(), "template", release, CHART,
                "--namespace", "db"));
        for (String set : sets) {
            command.addAll(List.of("--set", set));
        }
        return ExternalTools.run(command, null);
    }

    public static RenderedChart parse(String yaml) throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(yaml)) {
            var docs = YAML.readValues(parser, JsonNode.class);
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    objects.add(doc);
                }
            }
        }
        return new RenderedChart(yaml, List.copyOf(objects));
    }

    public List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    public JsonNode named(String kind, String name) {
        return ofKind(kind).stream().filter(o -> o.path("metadata").path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    /** StatefulSets and Deployments of one component (metadata, node, router). */
    public List<JsonNode> workloads(String component) {
        return objects.stream().filter(o -> List.of("StatefulSet", "Deployment").contains(o.path("kind").asText()))
                .filter(o -> o.path("metadata").path("labels").path("app.kubernetes.io/component").asText().equals(component))
                .toList();
    }

    public List<JsonNode> allWorkloads() {
        return objects.stream().filter(o -> List.of("StatefulSet", "Deployment").contains(o.path("kind").asText())).toList();
    }

    public static JsonNode container(JsonNode workload) {
        JsonNode containers = workload.path("spec").path("template").path("spec").path("containers");
        assertThat(containers.size()).as("containers of %s", name(workload)).isEqualTo(1);
        return containers.get(0);
    }

    public static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    /** A literal environment variable of the container, if set (valueFrom variables have no literal value). */
    public static Optional<String> env(JsonNode container, String name) {
        return elements(container.path("env")).stream().filter(e -> e.path("name").asText().equals(name))
                .findFirst().map(e -> e.has("value") ? e.path("value").asText() : null);
    }

    public static List<String> envNames(JsonNode container) {
        return elements(container.path("env")).stream().map(e -> e.path("name").asText()).toList();
    }

    public static int containerPort(JsonNode container, String portName) {
        return elements(container.path("ports")).stream().filter(p -> p.path("name").asText().equals(portName))
                .findFirst().orElseThrow(() -> new AssertionError("no port " + portName)).path("containerPort").asInt();
    }

    public static List<JsonNode> elements(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    /** True when a label selector's matchLabels all appear in {@code labels}. */
    public static boolean selects(JsonNode selector, JsonNode labels) {
        var matchLabels = selector.path("matchLabels");
        return matchLabels.size() > 0 && matchLabels.properties().stream()
                .allMatch((Map.Entry<String, JsonNode> e) -> labels.path(e.getKey()).asText("\u0000").equals(e.getValue().asText()));
    }
}
