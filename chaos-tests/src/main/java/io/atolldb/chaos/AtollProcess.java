package io.atolldb.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One AtollDB role running as its own JVM from the distribution jar: started, killed with SIGKILL,
 * paused and resumed with SIGSTOP/SIGCONT, restarted with the same arguments and data. Output goes to
 * {@code <name>.log} in the cluster directory.
 */
public final class AtollProcess {
    private final String name;
    private final List<String> command;
    private final Path log;
    private final String adminHost;
    private final int adminPort;
    private Process process;

    public AtollProcess(String name, Path jar, List<String> roleArgs, Path log, String adminHost, int adminPort) {
        this.name = name;
        this.log = log;
        this.adminHost = adminHost;
        this.adminPort = adminPort;
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.util.concurrent.ForkJoinPool.common.parallelism=4", "--enable-native-access=ALL-UNNAMED",
                "-jar", jar.toString()));
        cmd.addAll(roleArgs);
        this.command = List.copyOf(cmd);
    }

    public String name() {
        return name;
    }

    public synchronized void start() throws IOException {
        if (isAlive()) {
            throw new IllegalStateException(name + " is running");
        }
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process.pid();
    }

    /** SIGKILL: the process gets no chance to flush or hand anything over. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM, then SIGKILL if it has not stopped within the grace period. */
    public synchronized void stop(Duration grace) throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        }
    }

    /** True when the process answers 200 on its admin /health endpoint. */
    public boolean isHealthy(HttpClient http) {
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create("http://" + adminHost + ":" + adminPort + "/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String metrics(HttpClient http) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + adminHost + ":" + adminPort + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
