package io.atolldb.deploy;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point of every AtollDB process: {@code atoll dev|metadata|node|router}. Each role
 * binds 127.0.0.1 unless told otherwise and serves {@code /health} and {@code /metrics} on its admin port.
 */
@Command(name = "atoll", mixinStandardHelpOptions = true, version = "AtollDB 0.1.0",
        description = "A partitioned, 3-zone replicated database that speaks the Amazon DynamoDB API.",
        subcommands = {DevCommand.class, MetadataCommand.class, NodeCommand.class, RouterCommand.class, ClusterCommand.class, WarmupCommand.class,
                io.atolldb.deploy.admin.AdminCommand.class})
public final class Atoll implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // The Raft library composes futures on the common pool; with 2 CPUs its parallelism is 1.
        System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism",
                System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "4"));
        System.exit(new CommandLine(new Atoll()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
