package io.transcoder.webhooks;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** A CIDR block ({@code 10.0.0.0/8}, {@code fc00::/7}), or one address as a block of one. */
record AddressRange(InetAddress network, int prefixLength) {

    AddressRange {
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("A prefix of " + network.getHostAddress() + " is 0 to " + bits
                    + " bits long, not " + prefixLength);
        }
    }

    /** Parses {@code address} or {@code address/prefix}; an address only ever as a literal, never looked up. */
    static AddressRange parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        InetAddress network = literal(address);
        int prefix = slash < 0 ? network.getAddress().length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
        return new AddressRange(network, prefix);
    }

    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        byte[] base = network.getAddress();
        if (candidate.length != base.length) {
            return false;
        }
        int bits = base.length * 8;
        return new BigInteger(1, candidate).shiftRight(bits - prefixLength)
                .equals(new BigInteger(1, base).shiftRight(bits - prefixLength));
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }

    private static InetAddress literal(String address) {
        String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
                : address;
        // a literal has only hex digits, dots and colons: anything else would send InetAddress to DNS
        if (bare.isEmpty() || !bare.matches("[0-9A-Fa-f.:]+")) {
            throw new IllegalArgumentException("Not an IP address: " + address);
        }
        try {
            return InetAddress.getByName(bare);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an IP address: " + address, e);
        }
    }
}
