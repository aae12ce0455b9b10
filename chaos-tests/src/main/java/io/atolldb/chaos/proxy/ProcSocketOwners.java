package io.atolldb.chaos.proxy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds the process that opened a connection through Linux's /proc: the kernel's socket tables
 * ({@code /proc/net/tcp} and {@code tcp6}) give the inode of the socket whose local end is the
 * connection's client address and port and whose remote end is the proxy's listener; the process
 * holding a file descriptor linked to {@code socket:[inode]} in {@code /proc/<pid>/fd} is the owner.
 * Only the candidate processes are searched (the cluster's, a few hundred descriptors each). Needs
 * Linux and permission to read the candidates' descriptor tables (same user, or root).
 */
public final class ProcSocketOwners implements SocketOwners {
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    private final Supplier<Map<Long, String>> candidates;

    /** @param candidates the processes that may connect, by pid, with their names; asked on every lookup */
    public ProcSocketOwners(Supplier<Map<Long, String>> candidates) {
        this.candidates = candidates;
    }

    @Override
    public String ownerOf(Socket accepted) {
        if (!(accepted.getRemoteSocketAddress() instanceof InetSocketAddress client)
                || !(accepted.getLocalSocketAddress() instanceof InetSocketAddress server)) {
            return UNKNOWN;
        }
        try {
            Optional<Long> inode = inodeOf(client, server);
            if (inode.isEmpty()) {
                return UNKNOWN;
            }
            String link = "socket:[" + inode.get() + "]";
            for (Map.Entry<Long, String> candidate : candidates.get().entrySet()) {
                if (holds(candidate.getKey(), link)) {
                    return candidate.getValue();
                }
            }
            return UNKNOWN;
        } catch (IOException e) {
            return UNKNOWN;
        }
    }

    /** The inode of the socket with local end {@code local} and remote end {@code remote}. */
    static Optional<Long> inodeOf(InetSocketAddress local, InetSocketAddress remote) throws IOException {
        for (Path table : TABLES) {
            if (!Files.isReadable(table)) {
                continue;
            }
            List<String> lines = Files.readAllLines(table);
            for (int i = 1; i < lines.size(); i++) {
                String[] fields = lines.get(i).trim().split("\\s+");
                if (fields.length > 9 && matches(fields[1], local) && matches(fields[2], remote)) {
                    long inode = Long.parseLong(fields[9]);
                    if (inode != 0) {
                        return Optional.of(inode);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Whether {@code field} ("0100007F:1F90": address words in host byte order, port) is {@code address}. */
    static boolean matches(String field, InetSocketAddress address) {
        int colon = field.indexOf(':');
        if (colon < 0 || Integer.parseInt(field.substring(colon + 1), 16) != address.getPort()) {
            return false;
        }
        try {
            return decode(field.substring(0, colon)).equals(address.getAddress());
        } catch (UnknownHostException | IllegalArgumentException e) {
            return false;
        }
    }

    /** An address as the kernel prints it: 32-bit words in hex, each in host byte order. */
    static InetAddress decode(String hex) throws UnknownHostException {
        if (hex.length() != 8 && hex.length() != 32) {
            throw new IllegalArgumentException("not an address: " + hex);
        }
        ByteBuffer bytes = ByteBuffer.allocate(hex.length() / 2).order(ByteOrder.nativeOrder());
        for (int word = 0; word < hex.length(); word += 8) {
            bytes.putInt((int) Long.parseLong(hex.substring(word, word + 8), 16));
        }
        // An IPv4-mapped IPv6 address comes back as the plain IPv4 address, as Java reports peers.
        return InetAddress.getByAddress(bytes.array());
    }

    private static boolean holds(long pid, String link) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).toString().equals(link)) {
                        return true;
                    }
                } catch (IOException e) {
                    // The descriptor closed while we looked: not the one we want.
                }
            }
        } catch (IOException e) {
            // The process is gone or not ours to inspect.
        }
        return false;
    }
}
