package io.atolldb.deploy;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The command-line tools the deployment tests run (helm, promtool, node with the schema-check
 * modules), as installed by {@code .ci/install-tools} into {@code .ci/tools} (or {@code $ATOLL_TOOLS}).
 * A missing tool skips the test on a developer's machine but fails it when {@code CI=true}: CI must
 * never pass by not running a check.
 */
public final class ExternalTools {
    /** The repository root (surefire runs tests in the module directory). */
    public static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

    private ExternalTools() {
    }

    public static Path toolsDir() {
        String configured = System.getenv("ATOLL_TOOLS");
        return configured != null && !configured.isBlank() ? Path.of(configured) : ROOT.resolve(".ci/tools");
    }

    /** The tool's path: from the tools directory, else from the PATH; absent fails in CI and skips elsewhere. */
    public static Path require(String tool) {
        Path installed = toolsDir().resolve("bin").resolve(tool);
        if (Files.isExecutable(installed)) {
            return installed;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isBlank() && Files.isExecutable(Path.of(dir, tool))) {
                return Path.of(dir, tool);
            }
        }
        missing(tool);
        throw new AssertionError("unreachable");
    }

    /** node, with the npm modules deploy/k8s/check-schema.cjs needs. */
    public static Path requireNodeWithSchemaModules() {
        Path node = require("node");
        if (!Files.isRegularFile(toolsDir().resolve("node_modules/kubernetes-models/package.json"))) {
            missing("kubernetes-models (npm)");
        }
        return node;
    }

    private static void missing(String tool) {
        String message = tool + " is not installed: run .ci/install-tools";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + " (CI=true: a missing tool is a failure, not a skip)");
        }
        Assumptions.abort(message);
    }

    /** What a finished command printed (stdout and stderr together) and its exit code. */
    public record Result(int exitCode, String output) {
    }

    /** Runs a command in the repository root, with standard input from {@code input} (or none), for at most a minute. */
    public static Result run(List<String> command, String input) throws IOException, InterruptedException {
        Path output = Files.createTempFile("atoll-tool-", ".out");
        try {
            var builder = new ProcessBuilder(new ArrayList<>(command)).directory(ROOT.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("ATOLL_TOOLS", toolsDir().toString());
            Process process = builder.start();
            try (var stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("timed out after 60 s: " + command);
            }
            return new Result(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    public static Result run(String... command) throws IOException, InterruptedException {
        return run(List.of(command), null);
    }
}
