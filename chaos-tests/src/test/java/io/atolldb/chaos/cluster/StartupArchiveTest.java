package io.atolldb.chaos.cluster;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The startup archive the cluster's processes start from: made from the distribution jar, it is one the
 * JVM can actually map ({@code -Xshare:on} refuses to start otherwise), so the faster restarts the chaos
 * runs rely on are real; and a process whose jar is newer than its archive still starts.
 */
class StartupArchiveTest {
    private static final Path JAR = Path.of(System.getProperty("atoll.jar"));

    @Test
    void theArchiveMadeFromTheJarIsOneTheJvmMaps() throws Exception {
        AtollProcess.prepareArchive(JAR);
        Path archive = JAR.resolveSibling("atoll.jsa");
        assertThat(archive).isRegularFile();

        List<String> options = new ArrayList<>(AtollProcess.archiveOptions(JAR));
        options.replaceAll(o -> o.equals("-Xshare:auto") ? "-Xshare:on" : o);
        Run run = java(options, JAR);
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("AtollDB");
    }

    @Test
    void aProcessWhoseJarChangedSinceTheArchiveStartsWithoutIt() throws Exception {
        AtollProcess.prepareArchive(JAR);
        Path copy = Files.createTempDirectory("atoll-archive").resolve("atoll.jar");
        try {
            Files.copy(JAR, copy);
            Files.copy(JAR.resolveSibling("atoll.jsa"), copy.resolveSibling("atoll.jsa"));
            Files.setLastModifiedTime(copy, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));

            Run run = java(AtollProcess.archiveOptions(copy), copy);
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).startsWith("AtollDB");
        } finally {
            Files.deleteIfExists(copy.resolveSibling("atoll.jsa"));
            Files.deleteIfExists(copy);
            Files.deleteIfExists(copy.getParent());
        }
    }

    private record Run(int exitCode, String output) {
    }

    private static Run java(List<String> archiveOptions, Path jar) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(AtollProcess.JAVA);
        cmd.addAll(AtollProcess.JVM_OPTIONS);
        cmd.addAll(archiveOptions);
        cmd.addAll(List.of("-jar", jar.toString(), "--version"));
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }
}
