package io.atolldb.bench.targets;

import io.atolldb.bench.driver.Operations;
import io.atolldb.bench.targets.ddblocal.LoopbackDynamoDbLocal;
import io.atolldb.bench.workload.Records;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Amazon DynamoDB Local 3.3.1 with {@code -inMemory}, as a separate process. Its jars and sqlite4java's
 * native library come from {@code bench/dynamodb-local/target} ({@code lib/}, {@code native/}).
 * DynamoDB Local has no option for the address it listens on (Jetty's default is every interface), so
 * it is started through {@link LoopbackDynamoDbLocal}, which sets its listener to 127.0.0.1 before it
 * starts.
 */
public final class DynamoDbLocalTarget extends ServerProcessTarget {
    public static final String DURABILITY = "in memory (-inMemory), one process, nothing replicated and nothing "
            + "written to disk: an acknowledged write is lost if the process ends";

    private final Path home;

    /** @param home the directory holding lib/ (DynamoDB Local and its jars) and native/ (libsqlite4java) */
    public DynamoDbLocalTarget(Path home, List<String> jvmOptions) {
        super(jvmOptions);
        this.home = home.toAbsolutePath();
    }

    @Override
    public String name() {
        return "ddblocal";
    }

    @Override
    public String durability() {
        return DURABILITY;
    }

    @Override
    public void start(Path workDir) throws IOException {
        if (!Files.isDirectory(home.resolve("lib")) || !Files.isDirectory(home.resolve("native"))) {
            throw new IllegalStateException("no DynamoDB Local in " + home
                    + " (build it: mvn -DskipTests package; it is laid out by bench/dynamodb-local)");
        }
        Path launcher = writeLauncher(workDir.resolve("ddblocal-launcher"));
        int port = Loopback.freePort();
        var command = new java.util.ArrayList<String>();
        command.add(ChildProcess.java());
        command.add("-Dsqlite4java.library.path=" + home.resolve("native"));
        command.add("-D" + LoopbackDynamoDbLocal.HOST_PROPERTY + "=" + Loopback.HOST);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", launcher + java.io.File.pathSeparator + home.resolve("lib") + "/*",
                LoopbackDynamoDbLocal.class.getName(), "-inMemory", "-disableTelemetry", "-port", Integer.toString(port)));
        process = ChildProcess.start(command, workDir, workDir.resolve("ddblocal.log"));
        endpoint = URI.create("http://" + Loopback.HOST + ":" + port);
        try (var client = DynamoOperations.client(endpoint, 1)) {
            Loopback.await("DynamoDB Local (log: " + process.log() + ")", Duration.ofMinutes(1), process::isAlive,
                    () -> {
                        try {
                            client.listTables().get(5, TimeUnit.SECONDS);
                            return true;
                        } catch (Exception e) {
                            return false;
                        }
                    });
        }
    }

    /**
     * Copies the launcher's class file out of this jar into {@code dir}: the child's class path must
     * hold DynamoDB Local's own AWS SDK and Jackson, not this harness's.
     */
    static Path writeLauncher(Path dir) throws IOException {
        String resource = LoopbackDynamoDbLocal.class.getName().replace('.', '/') + ".class";
        Path file = dir.resolve(resource);
        Files.createDirectories(file.getParent());
        try (InputStream in = LoopbackDynamoDbLocal.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource + " in the bench jar");
            }
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return dir;
    }
}
