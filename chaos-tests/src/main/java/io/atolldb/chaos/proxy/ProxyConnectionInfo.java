package io.atolldb.chaos.proxy;

/** A live connection through the proxy: who opened it and which process it reaches. */
public record ProxyConnectionInfo(String source, String destination) {
}
