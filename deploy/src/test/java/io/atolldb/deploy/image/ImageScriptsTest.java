package io.atolldb.deploy.image;

import io.atolldb.deploy.ExternalTools;
import io.atolldb.deploy.k8s.RenderedChart;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image and tool scripts (too heavy to run in CI: they download Debian packages and build an
 * image) at least parse, and agree with the chart on the user the processes run as.
 */
class ImageScriptsTest {
    private static final List<String> SCRIPTS = List.of("deploy/image/build-base.sh", "deploy/image/build-image.sh", ".ci/install-tools");

    @Test
    void everyScriptIsExecutableAndParses() throws Exception {
        for (String script : SCRIPTS) {
            assertThat(Files.isExecutable(ExternalTools.ROOT.resolve(script))).as(script).isTrue();
            var parse = ExternalTools.run("bash", "-n", script);
            assertThat(parse.exitCode()).as("bash -n %s: %s", script, parse.output()).isZero();
        }
    }

    @Test
    void theImageUserIsTheUserTheChartRunsAs() throws Exception {
        String base = Files.readString(ExternalTools.ROOT.resolve("deploy/image/build-base.sh"));
        String image = Files.readString(ExternalTools.ROOT.resolve("deploy/image/build-image.sh"));
        int chartUser = RenderedChart.render().allWorkloads().getFirst().path("spec").path("template").path("spec")
                .path("securityContext").path("runAsUser").asInt();
        assertThat(base).contains("ATOLL_UID=" + chartUser);
        assertThat(image).contains("-Djib.container.user=" + chartUser + ":" + chartUser);
    }
}
