package io.atolldb.chaos.proxy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Finding the process behind a loopback connection through /proc. */
class ProcSocketOwnersTest {
    @Test
    void kernelAddressesDecodeInHostByteOrderAndMappedAddressesBecomeIpv4() throws Exception {
        String loopback = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? "0100007F" : "7F000001";
        assertThat(ProcSocketOwners.decode(loopback)).isEqualTo(InetAddress.getByName("127.0.0.1"));
        String mapped = "00000000" + "00000000" + (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? "FFFF0000" : "0000FFFF") + loopback;
        assertThat(ProcSocketOwners.decode(mapped)).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(ProcSocketOwners.matches(loopback + ":1F90", new InetSocketAddress("127.0.0.1", 8080))).isTrue();
        assertThat(ProcSocketOwners.matches(loopback + ":1F91", new InetSocketAddress("127.0.0.1", 8080))).isFalse();
    }

    @Test
    void theOwnerOfAConnectionFromAnotherProcessIsThatProcess() throws Exception {
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            // bash opens the connection itself (/dev/tcp) and keeps it open until its input ends.
            Process child = new ProcessBuilder("bash", "-c",
                    "exec 3<>/dev/tcp/127.0.0.1/" + listener.getLocalPort() + "; read -r line; exec 3>&-").start();
            try (Socket accepted = listener.accept()) {
                var owners = new ProcSocketOwners(() -> Map.of(ProcessHandle.current().pid(), "tester", child.pid(), "child"));
                assertThat(owners.ownerOf(accepted)).isEqualTo("child");
                var strangers = new ProcSocketOwners(() -> Map.of(ProcessHandle.current().pid(), "tester"));
                assertThat(strangers.ownerOf(accepted)).isEqualTo(SocketOwners.UNKNOWN);
            } finally {
                child.getOutputStream().close();
                if (!child.waitFor(10, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            }
        }
    }

    @Test
    void aConnectionFromThisProcessIsAttributedToIt() throws IOException {
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            try (Socket client = new Socket("127.0.0.1", listener.getLocalPort()); Socket accepted = listener.accept()) {
                var owners = new ProcSocketOwners(() -> Map.of(ProcessHandle.current().pid(), "tester"));
                assertThat(owners.ownerOf(accepted)).isEqualTo("tester");
                assertThat(client.isConnected()).isTrue();
            }
        }
    }
}
