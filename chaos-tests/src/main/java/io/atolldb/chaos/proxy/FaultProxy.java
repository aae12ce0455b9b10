package io.atolldb.chaos.proxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fault-injecting TCP proxy for a cluster on one machine. Each listener stands in front of one named
 * destination process (its advertised address is the listener's); each accepted connection is
 * attributed to the process that opened it ({@link SocketOwners}), so every byte travels on a directed
 * {@link Link} between two named processes, and a {@link LinkFault} per link decides what happens to
 * it: pass, drop (blackhole), reset, delay or throttle. Faults apply to live connections at once.
 * Listeners bind the loopback addresses they are given, on ephemeral ports.
 */
public final class FaultProxy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FaultProxy.class);

    private final SocketOwners owners;
    private final LinkTable table = new LinkTable();
    private final Set<ProxiedConnection> connections = ConcurrentHashMap.newKeySet();
    private final List<ServerSocket> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public FaultProxy(SocketOwners owners) {
        this.owners = owners;
    }

    /**
     * Starts a listener on {@code host} (an ephemeral port) forwarding to {@code target}, the real
     * address of the process named {@code destination}; returns the listener's address, which is the
     * one to advertise.
     */
    public InetSocketAddress listen(String host, String destination, InetSocketAddress target) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.bind(new InetSocketAddress(host, 0), 256);
        listeners.add(listener);
        Thread.ofVirtual().name("proxy-accept-" + destination).start(() -> acceptLoop(listener, destination, target));
        return new InetSocketAddress(host, listener.getLocalPort());
    }

    /** Sets the fault of one directed link; {@link LinkFault.Reset} also resets its live connections. */
    public void set(Link link, LinkFault fault) {
        table.set(link, fault);
        if (fault instanceof LinkFault.Reset) {
            connections.stream().filter(c -> c.carries(link)).forEach(ProxiedConnection::reset);
        }
    }

    /** Sets the same fault on both directions between two processes. */
    public void setBothWays(String a, String b, LinkFault fault) {
        set(new Link(a, b), fault);
        set(new Link(b, a), fault);
    }

    /** The current fault of a link. */
    public LinkFault fault(Link link) {
        return table.get(link);
    }

    /** Every link currently faulted. */
    public Map<Link, LinkFault> faults() {
        return table.snapshot();
    }

    /** Every link passes again; held bytes are delivered. */
    public void healAll() {
        table.clear();
    }

    /** The live connections, with their ends. */
    public List<ProxyConnectionInfo> connections() {
        List<ProxyConnectionInfo> live = new ArrayList<>();
        for (ProxiedConnection connection : connections) {
            live.add(new ProxyConnectionInfo(connection.source(), connection.destination()));
        }
        return live;
    }

    private void acceptLoop(ServerSocket listener, String destination, InetSocketAddress target) {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Thread.ofVirtual().name("proxy-open-" + destination).start(() -> open(client, destination, target));
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("proxy listener for {} failed", destination, e);
                }
                return;
            }
        }
    }

    private void open(Socket client, String destination, InetSocketAddress target) {
        String source = owners.ownerOf(client);
        Link up = new Link(source, destination);
        if (table.get(up) instanceof LinkFault.Reset || table.get(up.reversed()) instanceof LinkFault.Reset) {
            resetQuietly(client);
            return;
        }
        Socket server = new Socket();
        try {
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
            server.connect(target, 5_000);
        } catch (IOException e) {
            // The destination is down: its peer sees the connection refused, as it would without the proxy.
            resetQuietly(client);
            closeQuietly(server);
            return;
        }
        ProxiedConnection connection;
        try {
            connection = new ProxiedConnection(source, destination, client, server, table, connections::remove);
        } catch (IOException e) {
            resetQuietly(client);
            closeQuietly(server);
            return;
        }
        connections.add(connection);
        connection.start();
        if (closed) {
            connection.abort();
        }
    }

    private static void resetQuietly(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // Closing anyway.
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing more to do.
        }
    }

    /** Stops every listener and resets every connection. */
    @Override
    public void close() {
        closed = true;
        for (ServerSocket listener : listeners) {
            try {
                listener.close();
            } catch (IOException e) {
                // Closing anyway.
            }
        }
        connections.forEach(ProxiedConnection::reset);
        table.clear();
    }
}
