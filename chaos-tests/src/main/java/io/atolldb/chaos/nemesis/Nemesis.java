package io.atolldb.chaos.nemesis;

import io.atolldb.chaos.cluster.AtollProcess;
import io.atolldb.chaos.cluster.ProcessCluster;
import io.atolldb.chaos.proxy.FaultProxy;
import io.atolldb.chaos.proxy.Link;
import io.atolldb.chaos.proxy.LinkFault;

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
        };
    }

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
