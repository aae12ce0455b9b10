package io.atolldb.deploy.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.atolldb.deploy.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/prometheus: the alert rules load in promtool and pass their unit tests, every alert is unit
 * tested and links to a runbook section that exists, and the example scrape configuration loads.
 */
class AlertRulesTest {
    private static final Path RULES = ExternalTools.ROOT.resolve("deploy/prometheus/atoll-rules.yml");
    private static final Path TESTS = ExternalTools.ROOT.resolve("deploy/prometheus/tests/atoll-rules-test.yml");

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        var check = ExternalTools.run(ExternalTools.require("promtool").toString(), "check", "rules", RULES.toString());
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: " + PromQl.alerts(RULES).size() + " rules found");
    }

    @Test
    void theRulesPassTheirPromtoolUnitTests() throws Exception {
        var test = ExternalTools.run(ExternalTools.require("promtool").toString(), "test", "rules", TESTS.toString());
        assertThat(test.exitCode()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    @Test
    void everyAlertIsShownFiringInTheUnitTests() throws Exception {
        JsonNode tests = new YAMLMapper().readTree(TESTS.toFile());
        Set<String> firing = tests.path("tests").findValues("alert_rule_test").stream()
                .flatMap(list -> PromQl.elements(list).stream())
                .filter(check -> check.path("exp_alerts").size() > 0)
                .map(check -> check.path("alertname").asText())
                .collect(Collectors.toSet());
        assertThat(firing).containsExactlyInAnyOrderElementsOf(PromQl.alerts(RULES).stream().map(a -> a.path("alert").asText()).toList());
    }

    @Test
    void everyAlertHasASeverityAndARunbookSectionThatExists() throws Exception {
        String operations = Files.readString(ExternalTools.ROOT.resolve("docs/operations.md"));
        Set<String> anchors = operations.lines().filter(line -> line.startsWith("#"))
                .map(line -> line.replaceFirst("^#+\\s*", "").toLowerCase().replaceAll("[^a-z0-9 -]", "").replace(' ', '-'))
                .collect(Collectors.toSet());
        assertThat(PromQl.alerts(RULES)).isNotEmpty().allSatisfy(alert -> {
            assertThat(alert.path("labels").path("severity").asText()).isIn("warning", "critical");
            String runbook = alert.path("annotations").path("runbook").asText();
            assertThat(runbook).startsWith("docs/operations.md#");
            assertThat(anchors).as("sections of docs/operations.md").contains(runbook.substring(runbook.indexOf('#') + 1));
        });
    }

    @Test
    void theExampleScrapeConfigurationLoadsWithTheRules(@TempDir Path dir) throws Exception {
        // Debian's promtool is built without Kubernetes service discovery: check everything else of the
        // configuration (relabelings, rule file) with the discovery swapped for a static target.
        var yaml = new YAMLMapper();
        var config = (ObjectNode) yaml.readTree(ExternalTools.ROOT.resolve("deploy/prometheus/prometheus.yml").toFile());
        var job = (ObjectNode) config.path("scrape_configs").get(0);
        assertThat(job.path("job_name").asText()).isEqualTo("atoll");
        assertThat(job.path("honor_labels").asBoolean()).isTrue();
        assertThat(job.remove("kubernetes_sd_configs")).isNotNull();
        job.putArray("static_configs").addObject().putArray("targets").add("127.0.0.1:7202");
        Files.copy(RULES, dir.resolve("atoll-rules.yml"));
        yaml.writeValue(dir.resolve("prometheus.yml").toFile(), config);
        var check = ExternalTools.run(ExternalTools.require("promtool").toString(), "check", "config", dir.resolve("prometheus.yml").toString());
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(job.path("relabel_configs").findValuesAsText("target_label")).contains("component", "zone", "namespace", "pod");
    }

    @Test
    void theRulesUseOnlyLabelsTheScrapeSetupProvides() throws Exception {
        List<String> expressions = PromQl.alerts(RULES).stream().map(a -> a.path("expr").asText()).toList();
        assertThat(expressions.stream().filter(e -> e.contains("up{"))).allSatisfy(e -> assertThat(e).contains("job=\"atoll\""));
        assertThat(String.join("\n", expressions)).doesNotContain("exported_");
    }
}
