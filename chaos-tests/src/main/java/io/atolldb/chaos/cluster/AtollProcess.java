package io.atolldb.chaos.cluster;

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
 * {@code <name>.log} in the cluster directory. The name is unique in its cluster and is how the
 * fault-injecting proxy names the process's links.
 */
public final class AtollProcess {
    /** The java every process runs: this JVM's. */
    static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    private static final long ARCHIVE_TIMEOUT_SECONDS = 240;
    /** The options every process runs with (and its startup archive was made with: {@link #prepareArchive}). */
    static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Djava.util.concurrent.ForkJoinPool.common.parallelism=4", "--enable-native-access=ALL-UNNAMED");

    /**
     * Makes the startup archive of {@code jar} unless it is up to date (a few seconds, once per build; the
     * jar's own {@code warmup --make-archive}, deploy's StartupArchive), so that processes restart in about
     * half the time: a node killed by the nemesis is back sooner, and the window in which its partitions
     * run on two replicas is shorter. Without an archive processes start as before.
     */
    public static void prepareArchive(Path jar) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(JAVA);
        cmd.addAll(JVM_OPTIONS);
        cmd.addAll(List.of("-jar", jar.toString(), "warmup", "--make-archive"));
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!process.waitFor(ARCHIVE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The archive options: the JVM silently ignores an archive that is missing or older than its jar. */
    static List<String> archiveOptions(Path jar) {
        String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        return List.of("-XX:SharedArchiveFile=" + jar.resolveSibling(name + ".jsa"), "-Xshare:auto",
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    private final String name;
    private final Role role;
    private final String zone;
    private final List<String> command;
    private final Path log;
    private final String adminHost;
    private final int adminPort;
    private Process process;
    private boolean paused;

    public AtollProcess(String name, Role role, String zone, Path jar, List<String> roleArgs, Path log, String adminHost,
                        int adminPort) {
        this.name = name;
        this.role = role;
        this.zone = zone;
        this.log = log;
        this.adminHost = adminHost;
        this.adminPort = adminPort;
        List<String> cmd = new ArrayList<>();
        cmd.add(JAVA);
        cmd.addAll(JVM_OPTIONS);
        cmd.addAll(archiveOptions(jar));
        cmd.addAll(List.of("-jar", jar.toString()));
        cmd.addAll(roleArgs);
        this.command = List.copyOf(cmd);
    }

    public String name() {
        return name;
    }

    public Role role() {
        return role;
    }

    /** The zone the process belongs to. */
    public String zone() {
        return zone;
    }

    public synchronized void start() throws IOException {
        if (isAlive()) {
            throw new IllegalStateException(name + " is running");
        }
        paused = false;
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** True while stopped with SIGSTOP. */
    public synchronized boolean isPaused() {
        return paused && isAlive();
    }

    /** Alive and not paused: it can answer. */
    public synchronized boolean isRunning() {
        return isAlive() && !paused;
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
        paused = false;
    }

    /** SIGSTOP: the process freezes at once, its sockets stay open, nothing it holds is released. */
    public synchronized void pause() throws IOException, InterruptedException {
        if (isAlive() && !paused) {
            signal("STOP");
            paused = true;
        }
    }

    /** SIGCONT: a paused process carries on where it stopped. */
    public synchronized void resume() throws IOException, InterruptedException {
        if (isAlive() && paused) {
            signal("CONT");
        }
        paused = false;
    }

    /** SIGTERM (resuming a paused process first), then SIGKILL if it has not stopped within the grace period. */
    public synchronized void stop(Duration grace) throws InterruptedException {
        if (process != null && process.isAlive()) {
            try {
                resume();
            } catch (IOException e) {
                kill();
                return;
            }
            process.destroy();
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        }
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + signal + " " + process.pid() + " failed");
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

    @Override
    public String toString() {
        return name;
    }
}
