package io.atolldb.chaos.proxy;

import java.util.Objects;

/** One direction of traffic between two named processes: bytes sent by {@code from} to {@code to}. */
public record Link(String from, String to) {
    public Link {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    public Link reversed() {
        return new Link(to, from);
    }

    @Override
    public String toString() {
        return from + "->" + to;
    }
}
