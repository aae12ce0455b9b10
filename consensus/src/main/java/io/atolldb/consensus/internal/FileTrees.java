package io.atolldb.consensus.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Small file-system helpers for snapshot directories: list, fsync and delete whole trees. */
final class FileTrees {
    /** Suffix of the checksum file Ratis writes next to every file of a snapshot it received. */
    static final String RECEIVED_CHECKSUM_SUFFIX = ".md5";

    private FileTrees() {
    }

    /** Every regular file under {@code root}, sorted by path; empty when root does not exist. */
    static List<Path> regularFiles(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Deletes {@code root} and everything under it; a missing root is fine. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        final List<Path> deepestFirst;
        try (Stream<Path> paths = Files.walk(root)) {
            deepestFirst = paths.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : deepestFirst) {
            try {
                Files.delete(path);
            } catch (NoSuchFileException alreadyGone) {
                // deleted concurrently: the goal is reached
            }
        }
    }

    /** Forces every file and directory under {@code root} to disk, files before their directories. */
    static void syncTree(Path root) throws IOException {
        final List<Path> deepestFirst;
        try (Stream<Path> paths = Files.walk(root)) {
            deepestFirst = paths.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : deepestFirst) {
            if (Files.isDirectory(path)) {
                syncDirectory(path);
            } else {
                try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                    channel.force(true);
                }
            }
        }
    }

    /** Makes a directory's entries (creations, renames) durable; a no-op where the OS cannot. */
    static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException notSupportedHere) {
            // Some platforms cannot open a directory for fsync; Linux, where we run, can.
        }
    }

    /**
     * Deletes the {@code X.md5} files Ratis leaves next to each file {@code X} of a snapshot it
     * received (it verified them already), so the directory holds exactly what the sender's
     * state machine wrote and is sent on unchanged if this replica becomes the leader.
     */
    static void deleteReceivedChecksums(Path root) throws IOException {
        for (Path file : regularFiles(root)) {
            final String name = file.getFileName().toString();
            if (name.endsWith(RECEIVED_CHECKSUM_SUFFIX)) {
                final String checked = name.substring(0, name.length() - RECEIVED_CHECKSUM_SUFFIX.length());
                if (Files.exists(file.resolveSibling(checked))) {
                    Files.delete(file);
                }
            }
        }
    }
}
