package io.atolldb.deploy.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code atoll admin}: the cluster as an operator sees it, asked of any router on its DynamoDB port
 * ({@code /atoll/admin/...}): {@code ./atoll admin partitions|nodes|operations} print a table, or with
 * {@code --json} the router's JSON object; {@code ./atoll admin split PARTITION} splits one now. Requests are signed
 * (SigV4) with the admin key from the environment when it holds one ({@link AdminClient}), as a router started with
 * {@code --auth} requires.
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Look at a running cluster (./atoll dev or any other) and act on it.",
        subcommands = {AdminCommand.Partitions.class, AdminCommand.Nodes.class, AdminCommand.Operations.class,
                AdminCommand.Item.class, AdminCommand.Split.class, AdminCommand.Move.class, AdminCommand.Drain.class})
public final class AdminCommand implements Runnable {
    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Where the cluster is, and how to print. */
    static final class Target {
        @Option(names = "--endpoint", defaultValue = "${env:ATOLL_ENDPOINT:-http://127.0.0.1:8000}",
                description = "a router's DynamoDB endpoint (default: ${DEFAULT-VALUE})")
        URI endpoint;

        @Option(names = "--json", description = "print the router's JSON object instead of a table")
        boolean json;

        JsonNode get(String path) throws IOException, InterruptedException {
            return client().get(path);
        }

        JsonNode post(String path) throws IOException, InterruptedException {
            return client().post(path);
        }

        /** Signed with the admin key from the environment when it holds one (see {@link AdminClient.Credentials}). */
        private AdminClient client() {
            return new AdminClient(endpoint, AdminClient.Credentials.fromEnvironment(System.getenv()));
        }

        int print(JsonNode answer, Runnable table) throws IOException {
            if (json) {
                System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
            } else {
                table.run();
            }
            return 0;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Command(name = "partitions", mixinStandardHelpOptions = true,
            description = "The partition map: token range, replicas by zone, leader, size, items, state.")
    static final class Partitions implements Callable<Integer> {
        @Mixin
        Target target;

        @Option(names = "--table", description = "only this table's partitions")
        String table;

        @Override
        public Integer call() throws Exception {
            return run(() -> {
                JsonNode answer = target.get("partitions" + (table == null ? "" : "?table=" + encode(table)));
                return target.print(answer, () -> {
                    List<List<String>> rows = new ArrayList<>();
                    rows.add(List.of("TABLE", "PARTITION", "TOKENS", "SPLITS", "REPLICAS", "LEADER", "SIZE", "ITEMS", "STATE"));
                    for (JsonNode p : answer.path("partitions")) {
                        List<String> replicas = new ArrayList<>();
                        p.path("replicas").forEach(r -> replicas.add(r.path("zone").asText() + ":" + r.path("node").asText()
                                + (r.path("live").asBoolean() ? "" : "(down)")));
                        rows.add(List.of(p.path("table").asText(), p.path("partition").asText(),
                                "[" + shortToken(p.path("tokenStart").asText()) + ", " + shortToken(p.path("tokenEnd").asText()) + ")",
                                p.path("splitVersion").asText(), String.join(" ", replicas), p.path("leader").asText("-"),
                                bytes(p.path("sizeBytes").asLong()), p.path("items").asText(), p.path("state").asText()));
                    }
                    printTable(rows, System.out);
                });
            });
        }
    }

    @Command(name = "nodes", mixinStandardHelpOptions = true,
            description = "The storage nodes: zone, replicas and leaders held, live or down.")
    static final class Nodes implements Callable<Integer> {
        @Mixin
        Target target;

        @Override
        public Integer call() throws Exception {
            return run(() -> {
                JsonNode answer = target.get("nodes");
                return target.print(answer, () -> {
                    List<List<String>> rows = new ArrayList<>();
                    rows.add(List.of("NODE", "ZONE", "STATE", "REPLICAS", "LEADERS", "LAST HEARD", "ADDRESS"));
                    for (JsonNode n : answer.path("nodes")) {
                        long heard = n.path("lastHeardMillis").asLong();
                        rows.add(List.of(n.path("node").asText(), n.path("zone").asText(), n.path("state").asText(),
                                n.path("replicas").asText(), n.path("leaders").asText(),
                                heard < 0 ? "never" : String.format(Locale.ROOT, "%.1f s ago", heard / 1000.0),
                                n.path("rpcAddress").asText()));
                    }
                    printTable(rows, System.out);
                });
            });
        }
    }

    @Command(name = "item", mixinStandardHelpOptions = true,
            description = "One item as each replica of its partition holds it now (what an eventually consistent read there sees).")
    static final class Item implements Callable<Integer> {
        @Mixin
        Target target;

        @Option(names = "--table", required = true, description = "the table")
        String table;

        @Option(names = "--key", required = true, description = "the item's key in DynamoDB JSON, as in GetItem: '{\"pk\":{\"S\":\"a\"}}'")
        String key;

        @Override
        public Integer call() throws Exception {
            return run(() -> {
                JsonNode answer = target.get("item?table=" + encode(table) + "&key=" + encode(key));
                return target.print(answer, () -> {
                    List<List<String>> rows = new ArrayList<>();
                    rows.add(List.of("NODE", "ZONE", "ROLE", "APPLIED", "ITEM"));
                    for (JsonNode r : answer.path("replicas")) {
                        String item = r.has("error") ? "(no answer: " + r.path("error").asText() + ")"
                                : r.path("found").asBoolean() ? r.path("item").toString() : "(none)";
                        rows.add(List.of(r.path("node").asText(), r.path("zone").asText(),
                                r.path("leader").asBoolean() ? "leader" : "follower",
                                r.path("applied").path("index").asText("-"), item));
                    }
                    System.out.println("partition " + answer.path("partition").asText());
                    printTable(rows, System.out);
                });
            });
        }
    }

    @Command(name = "operations", mixinStandardHelpOptions = true,
            description = "Splits (later moves and heals) running, then the recent history.")
    static final class Operations implements Callable<Integer> {
        @Mixin
        Target target;

        @Override
        public Integer call() throws Exception {
            return run(() -> {
                JsonNode answer = target.get("operations");
                return target.print(answer, () -> {
                    List<List<String>> rows = new ArrayList<>();
                    rows.add(List.of("OPERATION", "KIND", "STATE", "PARTITION", "DETAIL", "TOOK", "REASON / OUTCOME"));
                    for (JsonNode o : answer.path("operations")) {
                        long started = o.path("startedMillis").asLong();
                        long ended = o.path("endedMillis").asLong();
                        String detail = switch (o.path("kind").asText()) {
                            case "split" -> "-> " + o.path("newPartition").asText() + " at " + shortToken(o.path("splitToken").asText());
                            case "move" -> o.path("from").asText() + " -> " + o.path("to").asText();
                            default -> "";
                        };
                        String why = o.path("outcome").asText().isEmpty() ? o.path("reason").asText()
                                : o.path("reason").asText() + "; " + o.path("outcome").asText();
                        rows.add(List.of(o.path("operation").asText(), o.path("kind").asText(), o.path("state").asText(),
                                o.path("partition").asText(), detail,
                                ended == 0 ? "running" : String.format(Locale.ROOT, "%.1f s", (ended - started) / 1000.0), why));
                    }
                    printTable(rows, System.out);
                });
            });
        }
    }

    @Command(name = "split", mixinStandardHelpOptions = true,
            description = "Split a partition in place now (at the middle of its bytes, or at --token).")
    static final class Split implements Callable<Integer> {
        @Mixin
        Target target;

        @Parameters(index = "0", paramLabel = "PARTITION", description = "the partition id (see admin partitions)")
        long partition;

        @Option(names = "--token", description = "the first token of the new right half (unsigned decimal)")
        String token;

        @Override
        public Integer call() throws Exception {
            return run(() -> {
                JsonNode answer = target.post("split?partition=" + partition + (token == null ? "" : "&token=" + encode(token)));
                return target.print(answer, () -> System.out.printf("split %s started: partition %s -> %s at token %s%n",
                        answer.path("operation").asText(), answer.path("partition").asText(),
                        answer.path("newPartition").asText(), answer.path("splitToken").asText()));
            });
        }
    }

    @Command(name = "move", mixinStandardHelpOptions = true,
            description = "Move one replica of a partition to another node of the same zone.")
    static final class Move implements Callable<Integer> {
        @Mixin
        Target target;

        @Parameters(index = "0", paramLabel = "PARTITION", description = "the partition id (see admin partitions)")
        long partition;

        @Option(names = "--from", required = true, description = "the node holding the replica")
        String from;

        @Option(names = "--to", description = "the node to move it to (default: the emptiest live node of the zone)")
        String to;

        @Override
        public Integer call() throws Exception {
            return run(() -> {
                JsonNode answer = target.post("move?partition=" + partition + "&from=" + encode(from)
                        + (to == null ? "" : "&to=" + encode(to)));
                return target.print(answer, () -> System.out.printf("move %s started: partition %s from %s to %s%n",
                        answer.path("operation").asText(), answer.path("partition").asText(),
                        answer.path("from").asText(), answer.path("to").asText()));
            });
        }
    }

    @Command(name = "drain", mixinStandardHelpOptions = true,
            description = "Move every replica off a node (then it can be removed); --undo to let it take replicas again.")
    static final class Drain implements Callable<Integer> {
        @Mixin
        Target target;

        @Parameters(index = "0", paramLabel = "NODE", description = "the node id (see admin nodes)")
        String node;

        @Option(names = "--undo", description = "stop draining the node")
        boolean undo;

        @Override
        public Integer call() throws Exception {
            return run(() -> {
                JsonNode answer = target.post("drain?node=" + encode(node) + (undo ? "&undo=true" : ""));
                return target.print(answer, () -> System.out.printf(
                        undo ? "%s takes replicas again (%s held)%n"
                                : "%s is draining: its %s replicas move to other nodes of its zone (watch: atoll admin nodes)%n",
                        answer.path("node").asText(), answer.path("replicas").asText()));
            });
        }
    }

    @FunctionalInterface
    private interface AdminCall {
        int call() throws IOException, InterruptedException;
    }

    private static int run(AdminCall call) throws IOException, InterruptedException {
        try {
            return call.call();
        } catch (AdminClient.Failure e) {
            System.err.println("atoll admin: " + e.getMessage());
            return 1;
        }
    }

    /** A query parameter value percent-encoded, a space as %20: a '+' would mean a space to some decoders and a plus to others. */
    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A token as a fraction of the ring: 0, 2^64 and the halves read better than 20 digits. */
    static String shortToken(String unsigned) {
        java.math.BigInteger token = new java.math.BigInteger(unsigned);
        if (token.signum() == 0) {
            return "0";
        }
        double fraction = token.doubleValue() / Math.pow(2, 64);
        return fraction >= 1 ? "2^64" : String.format(Locale.ROOT, "%.4f", fraction);
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    static void printTable(List<List<String>> rows, PrintStream out) {
        int[] widths = new int[rows.getFirst().size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + (widths[i] + 2) + "s", row.get(i)));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
