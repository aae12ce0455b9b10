package io.atolldb.chaos.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/** A TCP echo server on 127.0.0.1 that counts the bytes it received. */
final class EchoServer implements AutoCloseable {
    private final ServerSocket listener;
    private final AtomicLong received = new AtomicLong();

    private EchoServer(ServerSocket listener) {
        this.listener = listener;
    }

    static EchoServer start() throws IOException {
        var listener = new ServerSocket();
        listener.bind(new InetSocketAddress("127.0.0.1", 0));
        var server = new EchoServer(listener);
        Thread.ofVirtual().start(server::acceptLoop);
        return server;
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", listener.getLocalPort());
    }

    long received() {
        return received.get();
    }

    private void acceptLoop() {
        try {
            while (true) {
                Socket socket = listener.accept();
                Thread.ofVirtual().start(() -> echo(socket));
            }
        } catch (IOException e) {
            // Closed.
        }
    }

    private void echo(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received.addAndGet(n);
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // The peer went away.
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
