package io.atolldb.chaos.proxy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The proxy between this test (process "tester") and an echo server (process "echo"), under each fault. */
class FaultProxyTest {
    private static final Link TO_ECHO = new Link("tester", "echo");
    private static final Link FROM_ECHO = TO_ECHO.reversed();

    private EchoServer echo;
    private FaultProxy proxy;
    private InetSocketAddress front;

    @BeforeEach
    void start() throws IOException {
        echo = EchoServer.start();
        proxy = new FaultProxy(new ProcSocketOwners(() -> Map.of(ProcessHandle.current().pid(), "tester")));
        front = proxy.listen("127.0.0.1", "echo", echo.address());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void bytesPassBothWaysAndTheConnectionIsAttributedToTheProcessThatOpenedIt() throws IOException {
        try (Socket socket = connect()) {
            assertThat(roundTrip(socket, "hello")).isEqualTo("hello");
            assertThat(proxy.connections()).containsExactly(new ProxyConnectionInfo("tester", "echo"));
        }
    }

    @Test
    void aDroppedLinkDeliversNothingUntilItHealsThenDeliversTheHeldBytes() throws IOException {
        try (Socket socket = connect()) {
            assertThat(roundTrip(socket, "one")).isEqualTo("one");
            proxy.set(TO_ECHO, LinkFault.DROP);
            send(socket, "held");
            await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(5)).until(() -> echo.received() == 3);
            proxy.healAll();
            assertThat(receive(socket, 4)).isEqualTo("held");
        }
    }

    @Test
    void aOneWayCutDeliversTheOtherDirection() throws IOException {
        try (Socket socket = connect()) {
            assertThat(roundTrip(socket, "one")).isEqualTo("one");
            proxy.set(FROM_ECHO, LinkFault.DROP);
            send(socket, "ping");
            await().atMost(Duration.ofSeconds(5)).until(() -> echo.received() == 7);
            socket.setSoTimeout(300);
            assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            socket.setSoTimeout(0);
            proxy.set(FROM_ECHO, LinkFault.PASS);
            assertThat(receive(socket, 4)).isEqualTo("ping");
        }
    }

    @Test
    void aResetLinkBreaksLiveConnectionsAndRefusesNewOnesUntilHealed() throws IOException {
        try (Socket socket = connect()) {
            assertThat(roundTrip(socket, "one")).isEqualTo("one");
            proxy.set(FROM_ECHO, LinkFault.RESET);
            assertThat(endsOrFails(socket)).isTrue();
        }
        try (Socket refused = connect()) {
            assertThat(endsOrFails(refused)).isTrue();
        }
        proxy.healAll();
        try (Socket socket = connect()) {
            assertThat(roundTrip(socket, "again")).isEqualTo("again");
        }
    }

    @Test
    void aDelayedLinkDeliversEachChunkLate() throws IOException {
        try (Socket socket = connect()) {
            assertThat(roundTrip(socket, "warm")).isEqualTo("warm");
            proxy.set(TO_ECHO, new LinkFault.Delay(Duration.ofMillis(300)));
            long start = System.nanoTime();
            assertThat(roundTrip(socket, "late")).isEqualTo("late");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }

    @Test
    void aThrottledLinkCapsTheRate() throws IOException {
        try (Socket socket = connect()) {
            assertThat(roundTrip(socket, "warm")).isEqualTo("warm");
            proxy.set(FROM_ECHO, new LinkFault.Throttle(50_000));
            String payload = "x".repeat(30_000);
            long start = System.nanoTime();
            send(socket, payload);
            assertThat(receive(socket, payload.length())).isEqualTo(payload);
            // 30 kB at 50 kB/s: at least 0.5 s (the first slice goes at once).
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(front, 5_000);
        return socket;
    }

    private static String roundTrip(Socket socket, String text) throws IOException {
        send(socket, text);
        return receive(socket, text.length());
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    private static String receive(Socket socket, int length) throws IOException {
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        byte[] bytes = in.readNBytes(length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** True when the peer closed or reset the connection (read ends or fails) within ten seconds. */
    private static boolean endsOrFails(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        try {
            socket.getOutputStream().write('x');
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
