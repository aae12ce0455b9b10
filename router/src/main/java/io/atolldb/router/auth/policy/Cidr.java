package io.atolldb.router.auth.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An address block of the IpAddress operators, IPv4 or IPv6 ({@code 203.0.113.0/24}, {@code 2001:db8::/32}; a bare
 * address is its own block). Only IP literals are accepted before the JDK parses them, so that no text ever causes
 * a name lookup.
 */
record Cidr(byte[] network, int prefixLength) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    static Optional<Cidr> parse(String text) {
        int slash = text.indexOf('/');
        Optional<byte[]> address = address(slash < 0 ? text : text.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int bits = address.get().length * 8;
        try {
            int prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
            return prefix < 0 || prefix > bits ? Optional.empty() : Optional.of(new Cidr(address.get(), prefix));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code text} is an address in this block; empty when it is no IP literal. */
    Optional<Boolean> contains(String text) {
        return address(text).map(candidate -> candidate.length == network.length && samePrefix(candidate));
    }

    private boolean samePrefix(byte[] candidate) {
        for (int bit = 0; bit < prefixLength; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static Optional<byte[]> address(String text) {
        String trimmed = text.trim();
        if (!IPV4.matcher(trimmed).matches() && !IPV6.matcher(trimmed).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(trimmed).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
