package io.atolldb.deploy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code atoll cluster up|down|status}: the Kubernetes chart's topology as local processes. Three
 * zones (a, b, c), three metadata replicas (one per zone), two storage nodes per zone and two routers,
 * each its own JVM on its own loopback address {@code <net>.N} with the chart's ports and the chart's
 * {@code ATOLL_*} environment. Everything lives under the state directory: {@code cluster.properties}
 * (the address prefix, fixed at the first {@code up} because Raft logs remember peer addresses),
 * {@code run/<name>.pid}, {@code logs/<name>.log} and {@code data/<name>}.
 *
 * <p>Invariants: a pid file names a running process only if that process started when the file says
 * (a recycled pid is not ours); {@code down} signals only such processes; every address is in 127.0.0.0/8.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Run the Kubernetes topology as local processes: 3 metadata replicas, 2 storage nodes in each of 3 zones, 2 routers.",
        subcommands = {ClusterCommand.Up.class, ClusterCommand.Down.class, ClusterCommand.Status.class,
                ClusterCommand.AddNode.class, ClusterCommand.RemoveNode.class})
final class ClusterCommand implements Runnable {
    static final List<String> ZONES = List.of("a", "b", "c");
    static final int NODES_PER_ZONE = 2;
    /** Storage node addresses of zone z are <net>.(10 (z + 1) + 1 + i): at most nine per zone. */
    static final int MAX_NODES_PER_ZONE = 9;
    static final int ROUTERS = 2;
    static final String DEFAULT_NET = "127.0.100";
    private static final String JVM_HEAP = "-Xmx256m";
    /** The launcher's settings its processes inherit: authentication's (read by routers, ignored by the others). */
    static final java.util.Set<String> PASSED_TO_PROCESSES = java.util.Set.of("ATOLL_AUTH",
            io.atolldb.router.auth.AdminCredentials.ACCESS_KEY_ID_ENV, io.atolldb.router.auth.AdminCredentials.SECRET_ACCESS_KEY_ENV);

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** One process of the local cluster: its name, role, zone ("" for routers), address and environment. */
    record Member(String name, String role, String zone, String address, int adminPort, Map<String, String> env) {
        Member {
            env = Map.copyOf(env);
        }
    }

    /**
     * What a cluster has grown into since its first {@code up}: storage nodes per zone, nodes removed for good,
     * and the metadata's dead-after time. Kept in {@code cluster.properties}.
     */
    record Shape(Map<String, Integer> nodesPerZone, java.util.Set<String> removed, String deadAfter) {
        static final Shape DEFAULT = new Shape(Map.of(), java.util.Set.of(), "5m");

        int nodes(String zone) {
            return nodesPerZone.getOrDefault(zone, NODES_PER_ZONE);
        }

        static Shape of(Properties properties) {
            Map<String, Integer> nodes = new LinkedHashMap<>();
            for (String zone : ZONES) {
                String count = properties.getProperty("nodes." + zone);
                if (count != null) {
                    nodes.put(zone, Integer.parseInt(count));
                }
            }
            String removed = properties.getProperty("removed", "");
            return new Shape(nodes, removed.isEmpty() ? java.util.Set.of() : java.util.Set.of(removed.split(",")),
                    properties.getProperty("deadAfter", "5m"));
        }

        void storeIn(Properties properties) {
            nodesPerZone.forEach((zone, count) -> properties.setProperty("nodes." + zone, Integer.toString(count)));
            properties.setProperty("removed", String.join(",", new java.util.TreeSet<>(removed)));
            properties.setProperty("deadAfter", deadAfter);
        }
    }

    /** The processes of a cluster whose addresses start with {@code net} (three octets) and whose data is under {@code dir}. */
    static List<Member> layout(Path dir, String net) {
        return layout(dir, net, Shape.DEFAULT);
    }

    /** As {@link #layout(Path, String)}, grown to {@code shape}. */
    static List<Member> layout(Path dir, String net, Shape shape) {
        List<String> peers = new ArrayList<>();
        List<String> metadataRpc = new ArrayList<>();
        for (int z = 0; z < ZONES.size(); z++) {
            String host = net + "." + (1 + z);
            peers.add("metadata-" + ZONES.get(z) + "@" + ZONES.get(z) + "@" + host + ":7101@" + host + ":7100");
            metadataRpc.add(host + ":7100");
        }
        List<Member> members = new ArrayList<>();
        for (int z = 0; z < ZONES.size(); z++) {
            String name = "metadata-" + ZONES.get(z);
            String host = net + "." + (1 + z);
            members.add(new Member(name, "metadata", ZONES.get(z), host, 7102, env(
                    "ATOLL_ID", name, "ATOLL_ZONE", ZONES.get(z), "ATOLL_HOST", host, "ATOLL_RPC_PORT", "7100",
                    "ATOLL_RAFT_PORT", "7101", "ATOLL_ADMIN_PORT", "7102", "ATOLL_DATA", dir.resolve("data").resolve(name).toString(),
                    "ATOLL_METADATA_PEERS", String.join(",", peers), "ATOLL_PARTITIONS_PER_TABLE", "0",
                    "ATOLL_SPLIT_SIZE", "10GiB", "ATOLL_DEAD_AFTER", shape.deadAfter(), "ATOLL_MAX_REPLICAS_PER_NODE", "256")));
        }
        for (int z = 0; z < ZONES.size(); z++) {
            for (int i = 0; i < shape.nodes(ZONES.get(z)); i++) {
                String name = "node-" + ZONES.get(z) + "-" + i;
                if (shape.removed().contains(name)) {
                    continue;
                }
                String host = net + "." + (10 * (z + 1) + 1 + i);
                members.add(new Member(name, "node", ZONES.get(z), host, 7202, env(
                        "ATOLL_ID", name, "ATOLL_ZONE", ZONES.get(z), "ATOLL_HOST", host, "ATOLL_ADVERTISE_HOST", host,
                        "ATOLL_RPC_PORT", "7200", "ATOLL_RAFT_PORT", "7201", "ATOLL_ADMIN_PORT", "7202",
                        "ATOLL_DATA", dir.resolve("data").resolve(name).toString(),
                        "ATOLL_METADATA", String.join(",", metadataRpc), "ATOLL_HEARTBEAT_MILLIS", "500")));
            }
        }
        for (int r = 0; r < ROUTERS; r++) {
            String host = net + "." + (100 + r);
            members.add(new Member("router-" + r, "router", "", host, 8001, env(
                    "ATOLL_HOST", host, "ATOLL_PORT", "8000", "ATOLL_ADMIN_PORT", "8001",
                    "ATOLL_METADATA", String.join(",", metadataRpc))));
        }
        return List.copyOf(members);
    }

    private static Map<String, String> env(String... keysAndValues) {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            env.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return env;
    }

    /** Options every subcommand shares: where the cluster lives. */
    static class StateOptions {
        @Option(names = "--dir", defaultValue = "./cluster", description = "state directory: pid files, logs, data (default: ${DEFAULT-VALUE})")
        Path dir;

        @Option(names = "--net", description = "first three octets of the loopback addresses to use, fixed at the first up (default: " + DEFAULT_NET + ")")
        String net;

        /** The address prefix: the one stored in the state directory, else --net, else the default; stored on first use. */
        String resolveNet(boolean store) throws IOException {
            Path file = dir.resolve("cluster.properties");
            var properties = new Properties();
            if (Files.exists(file)) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    properties.load(reader);
                }
                String stored = properties.getProperty("net");
                if (net != null && !net.equals(stored)) {
                    throw new IllegalArgumentException("the cluster in " + dir + " uses --net " + stored + " (Raft logs name its addresses)");
                }
                return stored;
            }
            String chosen = net == null ? DEFAULT_NET : net;
            if (!chosen.matches("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)")) {
                throw new IllegalArgumentException("--net must be three octets of 127.0.0.0/8, such as 127.0.100, got " + chosen);
            }
            if (store) {
                Files.createDirectories(dir);
                properties.setProperty("net", chosen);
                try (Writer writer = Files.newBufferedWriter(file)) {
                    properties.store(writer, "AtollDB local cluster: its processes' addresses are <net>.N");
                }
            }
            return chosen;
        }

        List<Member> members(boolean store) throws IOException {
            return layout(dir.toAbsolutePath(), resolveNet(store), shape());
        }

        /** What the cluster has grown into (the default before any add-node or remove-node). */
        Shape shape() throws IOException {
            Path file = dir.resolve("cluster.properties");
            if (!Files.exists(file)) {
                return Shape.DEFAULT;
            }
            var properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            }
            return Shape.of(properties);
        }

        void storeShape(Shape shape) throws IOException {
            Path file = dir.resolve("cluster.properties");
            var properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            }
            shape.storeIn(properties);
            try (Writer writer = Files.newBufferedWriter(file)) {
                properties.store(writer, "AtollDB local cluster: its processes' addresses are <net>.N");
            }
        }

        Path pidFile(Member member) {
            return dir.resolve("run").resolve(member.name() + ".pid");
        }

        /** The member's process if its pid file names a live process that started when the file says. */
        Optional<ProcessHandle> running(Member member) throws IOException {
            Path file = pidFile(member);
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            String[] fields = Files.readString(file).trim().split(" ");
            long started = Long.parseLong(fields[1]);
            return ProcessHandle.of(Long.parseLong(fields[0])).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().startInstant().map(i -> Math.abs(i.toEpochMilli() - started) < 2000).orElse(false));
        }
    }

    /** {@code up}: starts every member that is not running, waits until all are ready, prints the API endpoints. */
    @Command(name = "up", mixinStandardHelpOptions = true, description = "Start the processes that are not running and wait until all are ready.")
    static final class Up implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        StateOptions state;

        @Option(names = "--wait", defaultValue = "180", description = "seconds to wait for every process to be ready, 0 not to wait (default: ${DEFAULT-VALUE})")
        int waitSeconds;

        @Option(names = "--dead-after", converter = DurationOption.class,
                description = "a storage node unheard for longer is dead and its replicas are re-created (kept for later ups; default 5m)")
        Duration deadAfter;

        @Override
        public Integer call() throws IOException {
            state.resolveNet(true);
            if (deadAfter != null) {
                Shape shape = state.shape();
                state.storeShape(new Shape(shape.nodesPerZone(), shape.removed(), deadAfter.toMillis() + "ms"));
            }
            List<Member> members = state.members(true);
            Files.createDirectories(state.dir.resolve("run"));
            Files.createDirectories(state.dir.resolve("logs"));
            for (Member member : members) {
                Optional<ProcessHandle> running = state.running(member);
                if (running.isPresent()) {
                    System.out.printf("%-11s already running (pid %d)%n", member.name(), running.get().pid());
                } else {
                    System.out.printf("%-11s started (pid %d)%n", member.name(), start(state, member));
                }
            }
            var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            boolean ready = waitSeconds == 0 || awaitReady(members, http);
            Status.print(state, members, http);
            System.out.println("DynamoDB API: " + String.join(" ", members.stream().filter(m -> m.role().equals("router"))
                    .map(m -> "http://" + m.address() + ":" + m.env().get("ATOLL_PORT")).toList()));
            if (!ready) {
                System.out.println("not every process is ready: see the logs in " + state.dir.resolve("logs"));
                return 1;
            }
            return 0;
        }

        /** True once every member answers ready; false after --wait seconds, or at once if a member exited. */
        private boolean awaitReady(List<Member> members, HttpClient http) throws IOException {
            return awaitReady(state, members, http, waitSeconds);
        }

        static boolean awaitReady(StateOptions state, List<Member> members, HttpClient http, int waitSeconds) throws IOException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
            while (System.nanoTime() < deadline) {
                boolean allReady = true;
                for (Member member : members) {
                    if (state.running(member).isEmpty()) {
                        System.out.println(member.name() + " exited");
                        return false;
                    }
                    allReady &= "ready".equals(Status.health(member, http));
                }
                if (allReady) {
                    return true;
                }
                LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
            }
            return false;
        }

        /**
         * What the members run: a copy of the distribution jar under {@code run/}, replaced by an atomic
         * rename when the jar changed. A build rewrites deploy/target/atoll.jar in place, which would break
         * the class loading of members still running from it; a renamed-over copy stays readable to them.
         * A class path of several entries (tests running from build directories) is used as it is.
         */
        static String classPath(StateOptions state) throws IOException {
            String classPath = System.getProperty("java.class.path");
            if (classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
                return classPath;
            }
            Path jar = Path.of(classPath).toAbsolutePath();
            Path copy = state.dir.resolve("run").resolve("atoll.jar").toAbsolutePath();
            if (!Files.exists(copy) || Files.size(copy) != Files.size(jar)
                    || Files.getLastModifiedTime(copy).compareTo(Files.getLastModifiedTime(jar)) != 0) {
                Path partial = copy.resolveSibling("atoll.jar.partial");
                Files.copy(jar, partial, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return copy.toString();
        }

        /** Starts the member's JVM in its own session (so Ctrl-C or a closed terminal leaves it running); returns its pid. */
        static long start(StateOptions state, Member member) throws IOException {
            if (member.env().containsKey("ATOLL_DATA")) {
                Files.createDirectories(Path.of(member.env().get("ATOLL_DATA")));
            }
            List<String> command = new ArrayList<>();
            if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                command.add("/usr/bin/setsid");
            }
            String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add(java);
            // Direct memory beyond the small heap: each hosted replica's Raft log holds a 4.3 MB buffer.
            List<String> jvmOptions = new ArrayList<>(List.of(JVM_HEAP, "-XX:MaxDirectMemorySize=1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-XX:+ExitOnOutOfMemoryError", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=4",
                    "--enable-native-access=ALL-UNNAMED"));
            if (Runtime.version().feature() >= 24) {
                jvmOptions.add("--sun-misc-unsafe-memory-access=allow");
            }
            command.addAll(jvmOptions);
            String classPath = classPath(state);
            if (classPath.endsWith(".jar")) {
                // The first start after a build makes the startup archive (a few seconds, once).
                StartupArchive.ensure(java, Path.of(classPath), jvmOptions);
                command.addAll(StartupArchive.jvmOptions(Path.of(classPath)));
            }
            command.addAll(List.of("-cp", classPath, Atoll.class.getName(), member.role()));
            var builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(state.dir.resolve("logs").resolve(member.name() + ".log").toFile()));
            // The launcher's own ATOLL_* settings do not leak into its processes, except authentication's: with
            // ATOLL_AUTH=true and the admin key in the environment, every router verifies signatures with that key.
            builder.environment().keySet().removeIf(key -> key.startsWith("ATOLL_") && !PASSED_TO_PROCESSES.contains(key));
            builder.environment().putAll(member.env());
            Process process = builder.start();
            Instant started = process.info().startInstant().orElse(Instant.now());
            Files.writeString(state.pidFile(member), process.pid() + " " + started.toEpochMilli() + "\n");
            return process.pid();
        }
    }

    /** {@code down [NAME...]}: SIGTERM to the named members (default: all), SIGKILL to those still running after the grace period. */
    @Command(name = "down", mixinStandardHelpOptions = true, description = "Stop the processes (all, or the named ones): SIGTERM, then SIGKILL after the grace period.")
    static final class Down implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        StateOptions state;

        @Option(names = "--grace", defaultValue = "20", description = "seconds between SIGTERM and SIGKILL (default: ${DEFAULT-VALUE})")
        int graceSeconds;

        @Parameters(arity = "0..*", paramLabel = "NAME", description = "members to stop, such as node-c-0 (default: all)")
        List<String> names = List.of();

        @Override
        public Integer call() throws IOException {
            List<Member> all = state.members(false);
            List<String> known = all.stream().map(Member::name).toList();
            if (!known.containsAll(names)) {
                System.err.println("unknown member among " + names + "; the members are " + known);
                return 2;
            }
            List<Member> members = all.stream().filter(m -> names.isEmpty() || names.contains(m.name())).toList();
            Map<Member, ProcessHandle> stopping = new LinkedHashMap<>();
            for (Member member : members) {
                state.running(member).ifPresent(process -> {
                    process.destroy();
                    stopping.put(member, process);
                });
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(graceSeconds);
            for (var entry : stopping.entrySet()) {
                ProcessHandle process = entry.getValue();
                while (process.isAlive() && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                }
                boolean killed = process.isAlive() && process.destroyForcibly();
                long reaped = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (process.isAlive() && System.nanoTime() < reaped) {
                    LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
                }
                System.out.printf("%-11s stopped (pid %d%s)%n", entry.getKey().name(), process.pid(), killed ? ", SIGKILL" : "");
            }
            for (Member member : members) {
                Files.deleteIfExists(state.pidFile(member));
            }
            return 0;
        }
    }

    /** {@code status}: each member's pid, whether it runs and its /health; exit code 0 only when all are running and ready. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show each process, its pid and its health; exit code 0 when all are ready.")
    static final class Status implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        StateOptions state;

        @Override
        public Integer call() throws IOException {
            return print(state, state.members(false), HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) ? 0 : 1;
        }

        static boolean print(StateOptions state, List<Member> members, HttpClient http) throws IOException {
            boolean allReady = true;
            System.out.printf("%-11s %-8s %-4s %-21s %-8s %s%n", "NAME", "ROLE", "ZONE", "ADMIN", "PID", "HEALTH");
            for (Member member : members) {
                Optional<ProcessHandle> running = state.running(member);
                String health = running.isPresent() ? health(member, http) : "stopped";
                allReady &= health.equals("ready");
                System.out.printf("%-11s %-8s %-4s %-21s %-8s %s%n", member.name(), member.role(), member.zone().isEmpty() ? "-" : member.zone(),
                        member.address() + ":" + member.adminPort(), running.map(p -> String.valueOf(p.pid())).orElse("-"), health);
            }
            return allReady;
        }

        /** "ready", "not ready" (answers 503) or "unreachable", from the member's admin /health. */
        static String health(Member member, HttpClient http) {
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create("http://" + member.address() + ":" + member.adminPort() + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                return response.statusCode() == 200 ? "ready" : "not ready";
            } catch (IOException e) {
                return "unreachable";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "unreachable";
            }
        }
    }

    /** {@code add-node ZONE}: one more storage node in the zone, started at once; the balancer gives it replicas. */
    @Command(name = "add-node", mixinStandardHelpOptions = true,
            description = "Add a storage node to a zone and start it; replicas and leaders then move to it until the zone is balanced.")
    static final class AddNode implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        StateOptions state;

        @Parameters(index = "0", paramLabel = "ZONE", description = "a, b or c")
        String zone;

        @Override
        public Integer call() throws IOException {
            if (!ZONES.contains(zone)) {
                System.err.println("unknown zone " + zone + "; the zones are " + ZONES);
                return 2;
            }
            state.resolveNet(true);
            Shape shape = state.shape();
            int count = shape.nodes(zone);
            if (count >= MAX_NODES_PER_ZONE) {
                System.err.println("zone " + zone + " has " + count + " storage nodes, the most a local cluster can address");
                return 2;
            }
            Map<String, Integer> nodes = new LinkedHashMap<>(shape.nodesPerZone());
            nodes.put(zone, count + 1);
            state.storeShape(new Shape(nodes, shape.removed(), shape.deadAfter()));
            String name = "node-" + zone + "-" + count;
            Member member = state.members(false).stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
            Files.createDirectories(state.dir.resolve("run"));
            Files.createDirectories(state.dir.resolve("logs"));
            System.out.printf("%-11s started (pid %d)%n", name, Up.start(state, member));
            var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            boolean ready = Up.awaitReady(state, List.of(member), http, 120);
            System.out.println(ready ? name + " is ready; watch replicas move to it with: atoll admin nodes --endpoint "
                    + "http://" + state.resolveNet(false) + ".100:8000" : name + " is not ready: see " + state.dir.resolve("logs"));
            return ready ? 0 : 1;
        }
    }

    /** {@code remove-node NAME}: stops a storage node for good and deletes its data; its replicas are re-created elsewhere. */
    @Command(name = "remove-node", mixinStandardHelpOptions = true,
            description = "Stop a storage node for good and delete its data. Drain it first (atoll admin drain) to move its "
                    + "replicas away without ever running a partition on two; otherwise they are re-created after the dead-after time.")
    static final class RemoveNode implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        StateOptions state;

        @Parameters(index = "0", paramLabel = "NAME", description = "a storage node, such as node-c-1")
        String name;

        @Override
        public Integer call() throws IOException {
            Optional<Member> member = state.members(false).stream().filter(m -> m.name().equals(name) && m.role().equals("node")).findFirst();
            if (member.isEmpty()) {
                System.err.println("no storage node " + name);
                return 2;
            }
            state.running(member.get()).ifPresent(process -> {
                process.destroyForcibly();
                long reaped = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (process.isAlive() && System.nanoTime() < reaped) {
                    LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
                }
            });
            Files.deleteIfExists(state.pidFile(member.get()));
            Shape shape = state.shape();
            var removed = new java.util.TreeSet<>(shape.removed());
            removed.add(name);
            state.storeShape(new Shape(shape.nodesPerZone(), removed, shape.deadAfter()));
            Path data = Path.of(member.get().env().get("ATOLL_DATA"));
            if (Files.exists(data)) {
                try (var paths = Files.walk(data)) {
                    for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            System.out.println(name + " removed; its replicas are re-created on other nodes of zone " + member.get().zone()
                    + " once it has been silent for the dead-after time (" + shape.deadAfter() + ")");
            return 0;
        }
    }
}
