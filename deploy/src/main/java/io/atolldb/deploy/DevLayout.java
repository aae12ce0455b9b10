package io.atolldb.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The internal ports of a dev cluster. Raft groups remember their peers' addresses in their logs, so
 * a cluster restarted on the same data directory must come back on the same ports: they are chosen
 * once (free ports of the host) and kept in {@code <data>/dev-layout.properties}.
 */
record DevLayout(List<Integer> metadataRaft, List<Integer> metadataRpc, List<Integer> nodeRaft, List<Integer> nodeRpc) {
    static final List<String> ZONES = List.of("a", "b", "c");
    private static final String FILE = "dev-layout.properties";

    static DevLayout loadOrCreate(Path dataDir, String host) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            var properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            }
            return new DevLayout(ports(properties, "metadata.raft"), ports(properties, "metadata.rpc"),
                    ports(properties, "node.raft"), ports(properties, "node.rpc"));
        }
        List<Integer> free = freePorts(host, 4 * ZONES.size());
        var layout = new DevLayout(free.subList(0, 3), free.subList(3, 6), free.subList(6, 9), free.subList(9, 12));
        var properties = new Properties();
        properties.setProperty("metadata.raft", join(layout.metadataRaft));
        properties.setProperty("metadata.rpc", join(layout.metadataRpc));
        properties.setProperty("node.raft", join(layout.nodeRaft));
        properties.setProperty("node.rpc", join(layout.nodeRpc));
        Files.createDirectories(dataDir);
        try (Writer writer = Files.newBufferedWriter(file)) {
            properties.store(writer, "Internal ports of this dev cluster: Raft logs name them, keep them stable");
        }
        return layout;
    }

    static List<Integer> freePorts(String host, int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                var socket = new ServerSocket();
                socket.bind(new InetSocketAddress(host, 0));
                sockets.add(socket);
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static List<Integer> ports(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("dev layout file lacks " + key);
        }
        return java.util.Arrays.stream(value.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }

    private static String join(List<Integer> ports) {
        return String.join(",", ports.stream().map(String::valueOf).toList());
    }
}
