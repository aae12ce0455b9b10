package io.atolldb.chaos.nemesis;

import io.atolldb.chaos.cluster.AtollProcess;
import io.atolldb.chaos.cluster.ProcessCluster;
import io.atolldb.chaos.proxy.FaultProxy;
import io.atolldb.chaos.proxy.Link;
import io.atolldb.chaos.proxy.LinkFault;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Injects one planned fault into a {@link ProcessCluster} and heals it: process faults through
 * {@link AtollProcess} (SIGKILL and restart, SIGSTOP and SIGCONT), network faults through the cluster's
 * {@link FaultProxy}. Composite targets (a partition's leader, a zone, the metadata leader) are found
 * when the fault is injected.
 */
public final class Nemesis {
    /** A fault in force: how to undo it. */
    public record Active(String target, List<Step> heal) {
        public Active {
            heal = List.copyOf(heal);
        }
    }

    /** One undo step. */
    @FunctionalInterface
    public interface Step {
        void run() throws IOException, InterruptedException;
    }

    private final ProcessCluster cluster;

    public Nemesis(ProcessCluster cluster) {
        this.cluster = cluster;
    }

    /** Injects {@code fault}; empty when there was no target to hit (e.g. every candidate is down). */
    public Optional<Active> inject(PlannedFault fault) throws IOException, InterruptedException {
        return switch (fault.kind()) {
            case KILL -> onLeader(fault, node -> {
                node.kill();
                return List.of(node::start);
            });
            case PAUSE -> onLeader(fault, node -> {
                node.pause();
                return List.of(node::resume);
            });
            case PARTITION -> onLeader(fault, node -> linksToPeers(node, LinkFault.DROP, true));
            case ONEWAY -> onLeader(fault, node -> linksToPeers(node, LinkFault.DROP, false));
            case DELAY -> onLeader(fault, node -> linksToPeers(node,
                    new LinkFault.Delay(Duration.ofMillis(100 + fault.pick() % 401)), true));
            case THROTTLE -> onLeader(fault, node -> linksToPeers(node, new LinkFault.Throttle(32 * 1024), true));
            case RESET -> onLeader(fault, this::resetEverything);
            case ZONE -> zone(fault);
            case META -> Targets.metadataLeader(cluster, fault.pick()).map(meta -> {
                kill(meta);
                return new Active(meta.name() + " (metadata leader)", List.of(meta::start));
            });
            case SPLIT -> split(fault);
            case MOVE -> move(fault);
            case DRAIN -> drain(fault);
            case ADD_NODE -> cluster.joinSpare()
                    ? Optional.of(new Active("node-a2 joined zone a", List.of())) : Optional.empty();
        };
    }

    /** Splits an ACTIVE partition ({@code pick} chooses where to start looking) at the middle of its bytes. */
    private Optional<Active> split(PlannedFault fault) throws IOException, InterruptedException {
        return onSomePartition(fault, partition -> {
            JsonNode started = JSON.readTree(cluster.admin("POST", "split?partition=" + partition.path("partition").asText()));
            return new Active("split " + started.path("operation").asText() + ": partition "
                    + partition.path("partition").asText() + " -> " + started.path("newPartition").asText(), List.of());
        });
    }

    /** Moves the zone-a replica of an ACTIVE partition to the other zone-a node. */
    private Optional<Active> move(PlannedFault fault) throws IOException, InterruptedException {
        cluster.joinSpare();
        return onSomePartition(fault, partition -> {
            String from = null;
            for (JsonNode replica : partition.path("replicas")) {
                if ("a".equals(replica.path("zone").asText())) {
                    from = replica.path("node").asText();
                }
            }
            String to = "node-a".equals(from) ? "node-a2" : "node-a";
            JsonNode started = JSON.readTree(cluster.admin("POST", "move?partition=" + partition.path("partition").asText()
                    + "&from=" + from + "&to=" + to));
            return new Active("move " + started.path("operation").asText() + ": partition "
                    + partition.path("partition").asText() + " from " + from + " to " + to, List.of());
        });
    }

    /** Drains one zone-a node (the other takes its replicas); the heal lets it take replicas again. */
    private Optional<Active> drain(PlannedFault fault) throws IOException, InterruptedException {
        cluster.joinSpare();
        String node = fault.pick() % 2 == 0 ? "node-a" : "node-a2";
        retrying(() -> cluster.admin("POST", "drain?node=" + node));
        return Optional.of(new Active("drain " + node, List.of(() -> retrying(() ->
                cluster.admin("POST", "drain?node=" + node + "&undo=true")))));
    }

    @FunctionalInterface
    private interface PartitionAction {
        Active apply(JsonNode partition) throws IOException, InterruptedException;
    }

    /**
     * Runs {@code action} on an ACTIVE partition, trying them in turn from the one {@code pick} selects, for up
     * to 20 seconds: right after another fault the cluster may refuse at first (a partition's leader still
     * being elected, a node that just joined not yet registered, an operation still running on it).
     */
    private Optional<Active> onSomePartition(PlannedFault fault, PartitionAction action) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        IOException last = null;
        int attempt = 0;
        while (System.nanoTime() < deadline) {
            List<JsonNode> active = partitions().stream().filter(p -> "ACTIVE".equals(p.path("state").asText())).toList();
            if (!active.isEmpty()) {
                JsonNode partition = active.get((int) ((fault.pick() + attempt) % active.size()));
                try {
                    return Optional.of(action.apply(partition));
                } catch (IOException e) {
                    last = e;
                }
            }
            attempt++;
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
        if (last != null) {
            throw last;
        }
        return Optional.empty();
    }

    /** Repeats an admin request for up to 20 seconds while it fails (the metadata leader may be changing). */
    private static void retrying(Step request) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                request.run();
                return;
            } catch (IOException e) {
                if (System.nanoTime() >= deadline) {
                    throw e;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
            }
        }
    }

    /** The partitions of every table, as the router's admin endpoint lists them. */
    private List<JsonNode> partitions() throws IOException, InterruptedException {
        List<JsonNode> partitions = new ArrayList<>();
        JSON.readTree(cluster.admin("GET", "partitions")).path("partitions").forEach(partitions::add);
        return partitions;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** Undoes a fault; every step is tried even if an earlier one failed, the first failure is thrown. */
    public void heal(Active active) throws IOException, InterruptedException {
        IOException failure = null;
        for (Step step : active.heal()) {
            try {
                step.run();
            } catch (IOException | IllegalStateException e) {
                if (failure == null) {
                    failure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @FunctionalInterface
    private interface LeaderFault {
        List<Step> apply(AtollProcess node) throws IOException, InterruptedException;
    }

    private Optional<Active> onLeader(PlannedFault fault, LeaderFault action) throws IOException, InterruptedException {
        Optional<Targets.NodeTarget> target = Targets.partitionLeader(cluster, fault.pick());
        if (target.isEmpty()) {
            return Optional.empty();
        }
        AtollProcess node = target.get().process();
        return Optional.of(new Active(node.name() + " (" + target.get().why() + ")", action.apply(node)));
    }

    /** Sets {@code fault} on the links from {@code node} to every other storage node (and back, if both ways). */
    private List<Step> linksToPeers(AtollProcess node, LinkFault fault, boolean bothWays) {
        FaultProxy proxy = cluster.proxy();
        List<Step> heal = new ArrayList<>();
        for (AtollProcess peer : cluster.nodes()) {
            if (peer == node) {
                continue;
            }
            var out = new Link(node.name(), peer.name());
            proxy.set(out, fault);
            heal.add(() -> proxy.set(out, LinkFault.PASS));
            if (bothWays) {
                proxy.set(out.reversed(), fault);
                heal.add(() -> proxy.set(out.reversed(), LinkFault.PASS));
            }
        }
        return heal;
    }

    /** Resets every link of {@code node} (to peers, metadata and the router) until healed. */
    private List<Step> resetEverything(AtollProcess node) {
        FaultProxy proxy = cluster.proxy();
        List<Step> heal = new ArrayList<>();
        for (AtollProcess other : cluster.all()) {
            if (other != node) {
                proxy.setBothWays(node.name(), other.name(), LinkFault.RESET);
                heal.add(() -> proxy.setBothWays(node.name(), other.name(), LinkFault.PASS));
            }
        }
        return heal;
    }

    private Optional<Active> zone(PlannedFault fault) throws InterruptedException {
        String zone = ProcessCluster.ZONES.get((int) (fault.pick() % ProcessCluster.ZONES.size()));
        List<AtollProcess> processes = cluster.zone(zone);
        List<Step> heal = new ArrayList<>();
        for (AtollProcess process : processes) {
            kill(process);
            heal.add(process::start);
        }
        return Optional.of(new Active("zone " + zone + " (" + String.join(", ", processes.stream().map(AtollProcess::name).toList()) + ")", heal));
    }

    private static void kill(AtollProcess process) {
        try {
            process.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
