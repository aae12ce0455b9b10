package io.atolldb.chaos.proxy;

import java.net.Socket;

/**
 * Tells which process opened the client end of a connection the proxy accepted. Every process on the
 * loopback interface connects from 127.0.0.1, so the address alone cannot say.
 */
@FunctionalInterface
public interface SocketOwners {
    /** The name used for connections whose owner could not be found; faults never match it. */
    String UNKNOWN = "unknown";

    /** The name of the process owning the peer of {@code accepted}, or {@link #UNKNOWN}. */
    String ownerOf(Socket accepted);
}
