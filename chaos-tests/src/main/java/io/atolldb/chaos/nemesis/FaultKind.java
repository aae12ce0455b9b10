package io.atolldb.chaos.nemesis;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Every fault the nemesis can inject, with the name the {@code --faults} option uses. */
public enum FaultKind {
    KILL("kill", "SIGKILL the storage node leading a partition; restart it on heal"),
    PAUSE("pause", "SIGSTOP the storage node leading a partition; SIGCONT on heal"),
    PARTITION("partition", "cut a partition leader off from the other storage nodes both ways (the router still reaches it)"),
    ONEWAY("oneway", "drop everything a partition leader sends to the other storage nodes (it still hears them)"),
    RESET("reset", "reset every connection to and from a partition leader and refuse new ones"),
    DELAY("delay", "delay a partition leader's traffic to and from the other storage nodes by 100-500 ms"),
    THROTTLE("throttle", "throttle a partition leader's traffic to and from the other storage nodes to 32 kB/s"),
    ZONE("zone", "SIGKILL every process of one zone (its storage node and metadata replica); restart on heal"),
    META("meta", "SIGKILL the metadata leader; restart it on heal"),
    SPLIT("split", "split a partition in place (atoll admin split); splits are permanent"),
    MOVE("move", "move a partition's zone-a replica to the other zone-a node (the spare joins first if needed)"),
    DRAIN("drain", "drain a zone-a storage node of every replica; undo the drain on heal (the spare joins first if needed)"),
    ADD_NODE("add-node", "start the spare storage node of zone a; it stays, and the balancer gives it replicas");

    /** The faults of the default schedule: those the database is expected to survive today. */
    public static final List<FaultKind> DEFAULTS = List.of(KILL, PAUSE, PARTITION, ZONE, META, SPLIT, MOVE);

    private final String cliName;
    private final String description;

    FaultKind(String cliName, String description) {
        this.cliName = cliName;
        this.description = description;
    }

    public String cliName() {
        return cliName;
    }

    public String description() {
        return description;
    }

    /** The kind named {@code name} (as in {@code --faults}), case-insensitively. */
    public static FaultKind parse(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.cliName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown fault '" + name + "'; known: "
                        + Arrays.stream(values()).map(FaultKind::cliName).collect(Collectors.joining(","))));
    }
}
