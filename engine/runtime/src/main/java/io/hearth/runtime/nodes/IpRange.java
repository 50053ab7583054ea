package io.hearth.runtime.nodes;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Matches an address against an IP or CIDR range ({@code 10.0.0.0/8}, {@code ::1}). */
final class IpRange {

    private IpRange() {}

    static boolean matches(String range, String address) {
        if (range.isEmpty() || address.isEmpty()) {
            return false;
        }
        try {
            int slash = range.indexOf('/');
            InetAddress addr = InetAddress.getByName(address);
            if (slash < 0) {
                return InetAddress.getByName(range).equals(addr);
            }
            byte[] net = InetAddress.getByName(range.substring(0, slash)).getAddress();
            byte[] a = addr.getAddress();
            if (net.length != a.length) {
                return false;
            }
            int bits = Integer.parseInt(range.substring(slash + 1));
            int total = net.length * 8;
            BigInteger mask = BigInteger.ONE
                    .shiftLeft(total)
                    .subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(total - bits).subtract(BigInteger.ONE));
            return new BigInteger(1, net).and(mask).equals(new BigInteger(1, a).and(mask));
        } catch (UnknownHostException | NumberFormatException e) {
            return false;
        }
    }
}
