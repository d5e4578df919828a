package dev.osprey.auth.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An address block in CIDR form ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) or a single address,
 * for the {@code IpAddress} / {@code NotIpAddress} conditions. Only IP literals are parsed: a host
 * name is an error here, never a DNS lookup.
 */
record IpRange(byte[] network, int prefixLength) {

  static IpRange parse(String value) {
    String s = value.trim();
    int slash = s.indexOf('/');
    byte[] address = literal(slash < 0 ? s : s.substring(0, slash));
    if (address == null) {
      throw new MalformedPolicyException("not an IP address or CIDR block: " + value);
    }
    int bits = address.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(s.substring(slash + 1));
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (prefix < 0 || prefix > bits) {
        throw new MalformedPolicyException("bad prefix length in " + value);
      }
    }
    return new IpRange(address, prefix);
  }

  /** Whether {@code address} (an IP literal) lies in this block; false for anything unparsable. */
  boolean contains(String address) {
    byte[] a = address == null ? null : literal(address.trim());
    if (a == null || a.length != network.length) {
      return false;
    }
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) {
      if (a[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (a[full] & mask) == (network[full] & mask);
  }

  /**
   * IPv4 dotted quads are parsed here; anything with a colon goes to the JDK, which parses IPv6
   * literals without a lookup. An IPv4-mapped IPv6 address comes back as IPv4, so {@code
   * ::ffff:127.0.0.1} matches {@code 127.0.0.0/8}.
   */
  static byte[] literal(String s) {
    if (s.indexOf(':') >= 0) {
      String bare = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
      if (bare.indexOf(':') < 0) {
        return null;
      }
      try {
        return InetAddress.getByName(bare).getAddress();
      } catch (UnknownHostException e) {
        return null;
      }
    }
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      String part = parts[i];
      if (part.isEmpty()
          || part.length() > 3
          || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return null;
      }
      int v = Integer.parseInt(part);
      if (v > 255) {
        return null;
      }
      out[i] = (byte) v;
    }
    return out;
  }
}
