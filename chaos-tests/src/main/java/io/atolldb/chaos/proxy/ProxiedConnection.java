package io.atolldb.chaos.proxy;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One TCP connection through the proxy: the accepted socket from {@code source} and the socket the
 * proxy opened to {@code destination}, joined by two {@link Pipe}s. A half-close in one direction is
 * passed on; the connection is closed once both directions ended, or at once when either fails or
 * the connection is {@link #reset()}.
 */
final class ProxiedConnection {
    private final String source;
    private final String destination;
    private final Socket client;
    private final Socket server;
    private final LinkTable table;
    private final Consumer<ProxiedConnection> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger openDirections = new AtomicInteger(2);
    private final Pipe up;
    private final Pipe down;

    ProxiedConnection(String source, String destination, Socket client, Socket server, LinkTable table,
                      Consumer<ProxiedConnection> onClose) throws IOException {
        this.source = source;
        this.destination = destination;
        this.client = client;
        this.server = server;
        this.table = table;
        this.onClose = onClose;
        this.up = new Pipe(this, new Link(source, destination), client.getInputStream(), server.getOutputStream(), table);
        this.down = new Pipe(this, new Link(destination, source), server.getInputStream(), client.getOutputStream(), table);
    }

    void start() {
        up.start();
        down.start();
    }

    String source() {
        return source;
    }

    String destination() {
        return destination;
    }

    /** True when this connection carries {@code link} in either direction. */
    boolean carries(Link link) {
        return (link.from().equals(source) && link.to().equals(destination))
                || (link.from().equals(destination) && link.to().equals(source));
    }

    boolean isClosed() {
        return closed.get();
    }

    /** One direction reached its end of stream: pass the half-close on; close when both have. */
    void halfClosed(Pipe pipe) {
        try {
            (pipe == up ? server : client).shutdownOutput();
        } catch (IOException e) {
            abort();
            return;
        }
        if (openDirections.decrementAndGet() == 0) {
            close(false);
        }
    }

    /** Closes both sockets with a reset (RST), as a refused or broken connection looks to its peers. */
    void reset() {
        close(true);
    }

    /** Closes both sockets after a failure in either direction. */
    void abort() {
        close(true);
    }

    private void close(boolean withReset) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (Socket socket : new Socket[]{client, server}) {
            try {
                if (withReset) {
                    socket.setSoLinger(true, 0);
                }
                socket.close();
            } catch (IOException e) {
                // Closing anyway.
            }
        }
        up.stop();
        down.stop();
        table.wakeAll();
        onClose.accept(this);
    }
}
