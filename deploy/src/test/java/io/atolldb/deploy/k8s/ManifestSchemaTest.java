package io.atolldb.deploy.k8s;

import io.atolldb.deploy.ExternalTools;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every object the chart renders passes the Kubernetes OpenAPI schema of its kind, checked offline by
 * deploy/k8s/check-schema.cjs (kubernetes-models); the check itself rejects a broken object.
 */
class ManifestSchemaTest {
    private static final String CHECKER = "deploy/k8s/check-schema.cjs";

    @Test
    void everyRenderedObjectMatchesTheKubernetesSchemaOfItsKind() throws Exception {
        var chart = RenderedChart.render("metrics.serviceMonitor.enabled=true", "nodes.storage.storageClass=fast-ssd");
        var check = ExternalTools.run(List.of(ExternalTools.requireNodeWithSchemaModules().toString(), CHECKER), chart.yaml());
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains(chart.objects().size() + " objects valid");
        assertThat(chart.ofKind("ServiceMonitor")).hasSize(1);
    }

    @Test
    void theSchemaCheckRejectsAnInvalidObjectAndAnUnknownKind() throws Exception {
        var chart = RenderedChart.render();
        String broken = chart.yaml().replaceFirst("type: OnDelete", "type: Sometimes") + "\n---\napiVersion: example.com/v1\nkind: Gadget\n";
        var check = ExternalTools.run(List.of(ExternalTools.requireNodeWithSchemaModules().toString(), CHECKER), broken);
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.output()).contains("updateStrategy/type").contains("unknown apiVersion/kind example.com/v1 Gadget");
    }
}
