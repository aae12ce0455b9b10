package io.atolldb.chaos.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One direction of a proxied connection: a reader thread takes chunks from the source socket and
 * queues them with the time they were read; a writer thread delivers them to the destination as the
 * link's fault allows (held while dropped, late when delayed, paced when throttled). The bounded queue
 * makes a held or slow link push back on the sender, as a real network does.
 */
final class Pipe {
    private static final int CHUNK = 16 * 1024;
    private static final int QUEUED_CHUNKS = 64;

    private record Chunk(byte[] bytes, long readAtNanos) {
        static final Chunk END = new Chunk(new byte[0], 0);
        static final Chunk STOP = new Chunk(new byte[0], 0);
    }

    private final ProxiedConnection connection;
    private final Link link;
    private final InputStream in;
    private final OutputStream out;
    private final LinkTable table;
    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
    private long throttleFreeAtNanos;

    Pipe(ProxiedConnection connection, Link link, InputStream in, OutputStream out, LinkTable table) {
        this.connection = connection;
        this.link = link;
        this.in = in;
        this.out = out;
        this.table = table;
    }

    void start() {
        Thread.ofVirtual().name("proxy-read-" + link).start(this::readLoop);
        Thread.ofVirtual().name("proxy-write-" + link).start(this::writeLoop);
    }

    /**
     * Lets both threads end once the sockets are closed: the reader fails on its closed socket, the
     * writer finds the stop mark. (No interrupts: an interrupt could land in class loading.)
     */
    void stop() {
        queue.clear();
        queue.offer(Chunk.STOP);
    }

    private void readLoop() {
        byte[] buffer = new byte[CHUNK];
        try {
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    queue.put(Chunk.END);
                    return;
                }
                table.awaitDeliverable(link, connection::isClosed);
                queue.put(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime()));
            }
        } catch (IOException | InterruptedException e) {
            connection.abort();
        }
    }

    private void writeLoop() {
        try {
            while (true) {
                Chunk chunk = queue.take();
                if (chunk == Chunk.STOP || connection.isClosed()) {
                    return;
                }
                if (chunk == Chunk.END) {
                    connection.halfClosed(this);
                    return;
                }
                table.awaitDeliverable(link, connection::isClosed);
                deliver(chunk);
            }
        } catch (IOException | InterruptedException e) {
            connection.abort();
        }
    }

    private void deliver(Chunk chunk) throws IOException {
        LinkFault fault = table.get(link);
        if (fault instanceof LinkFault.Delay(var latency)) {
            parkUntil(chunk.readAtNanos() + latency.toNanos());
        }
        if (fault instanceof LinkFault.Throttle(long bytesPerSecond)) {
            // Pace in slices of a tenth of a second's worth, so a slow link trickles rather than bursts.
            int slice = (int) Math.max(1, Math.min(CHUNK, bytesPerSecond / 10));
            for (int offset = 0; offset < chunk.bytes().length; offset += slice) {
                int length = Math.min(slice, chunk.bytes().length - offset);
                long now = System.nanoTime();
                throttleFreeAtNanos = Math.max(throttleFreeAtNanos, now) + TimeUnit.SECONDS.toNanos(length) / bytesPerSecond;
                out.write(chunk.bytes(), offset, length);
                out.flush();
                parkUntil(throttleFreeAtNanos);
            }
            return;
        }
        out.write(chunk.bytes());
        out.flush();
    }

    private static void parkUntil(long deadlineNanos) {
        long wait;
        while ((wait = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
