package dev.osprey.server.callback;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which hosts upload callbacks may reach (docs/callbacks.md). A callback makes the server send a
 * request where the uploader says, so without a rule anyone able to upload could make it probe the
 * server's own network (SSRF). {@link #PUBLIC} (the default) allows public unicast addresses only,
 * as OSS itself calls only what the internet can reach: loopback, private, link-local, shared
 * (100.64/10), unique-local, multicast, reserved and unspecified addresses are refused, IPv4 ones
 * embedded in IPv6 addresses included. A list ({@code --callback-hosts 127.0.0.1,app.internal})
 * allows, besides public addresses, the host names, addresses and CIDR blocks it names. {@link
 * #ANY} allows everything.
 *
 * <p>The decision is made on every address a name resolves to, and the connection goes to one of
 * the addresses judged, so a name cannot resolve differently between the check and the connection.
 */
public sealed interface CallbackHostPolicy {
  CallbackHostPolicy ANY = new Any();
  CallbackHostPolicy PUBLIC = new Listed(Set.of(), List.of());

  /**
   * Whether the URL's host (a name or an address literal, without brackets) is allowed whatever it
   * resolves to.
   */
  boolean allowsName(String host);

  /** Whether a resolved address of a host not allowed by name may be connected to. */
  boolean allowsAddress(InetAddress address);

  /** {@code any}, {@code public}, or a comma-separated list of host names, addresses and CIDRs. */
  static CallbackHostPolicy parse(String value) {
    String v = value.trim();
    if (v.equalsIgnoreCase("any")) {
      return ANY;
    }
    if (v.equalsIgnoreCase("public")) {
      return PUBLIC;
    }
    Set<String> names = new LinkedHashSet<>();
    List<Block> blocks = new ArrayList<>();
    for (String part : v.split(",")) {
      String entry = part.trim().toLowerCase(Locale.ROOT);
      if (entry.startsWith("[") && entry.endsWith("]")) {
        entry = entry.substring(1, entry.length() - 1);
      }
      if (entry.isEmpty()) {
        continue;
      }
      Block block = Block.parse(entry);
      if (block != null) {
        blocks.add(block);
      } else if (entry.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
        names.add(entry);
      } else {
        throw new IllegalArgumentException(
            "callback hosts: '" + part.trim() + "' is not a host name, address or CIDR block");
      }
    }
    if (names.isEmpty() && blocks.isEmpty()) {
      throw new IllegalArgumentException("callback hosts: expected any, public or hosts");
    }
    return new Listed(Set.copyOf(names), List.copyOf(blocks));
  }

  /** Every host. */
  record Any() implements CallbackHostPolicy {
    @Override
    public boolean allowsName(String host) {
      return true;
    }

    @Override
    public boolean allowsAddress(InetAddress address) {
      return true;
    }
  }

  /**
   * Public addresses, plus the names and address blocks listed (none for {@link #PUBLIC}).
   *
   * @param names host names allowed whatever they resolve to, lower case
   * @param blocks addresses allowed though not public
   */
  record Listed(Set<String> names, List<Block> blocks) implements CallbackHostPolicy {
    @Override
    public boolean allowsName(String host) {
      return names.contains(host.toLowerCase(Locale.ROOT));
    }

    @Override
    public boolean allowsAddress(InetAddress address) {
      for (Block b : blocks) {
        if (b.contains(address)) {
          return true;
        }
      }
      return isPublic(address);
    }
  }

  /**
   * An address block: {@code prefix} bits of {@code network}.
   *
   * @param network the block's first address (any address in it)
   * @param prefix how many leading bits must match
   */
  record Block(byte[] network, int prefix) {
    /** The block {@code text} names (an address or CIDR), or null when it names none. */
    static Block parse(String text) {
      int slash = text.indexOf('/');
      String address = slash < 0 ? text : text.substring(0, slash);
      boolean literal = address.contains(":") || address.matches("[0-9.]+");
      if (!literal) {
        return null;
      }
      byte[] bytes;
      try {
        bytes = InetAddress.getByName(address).getAddress(); // a literal: no lookup
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("callback hosts: bad address '" + text + "'");
      }
      int bits = bytes.length * 8;
      int prefix = bits;
      if (slash >= 0) {
        try {
          prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
          prefix = -1;
        }
        if (prefix < 0 || prefix > bits) {
          throw new IllegalArgumentException("callback hosts: bad prefix in '" + text + "'");
        }
      }
      return new Block(bytes, prefix);
    }

    boolean contains(InetAddress a) {
      byte[] b = a.getAddress();
      if (b.length != network.length) {
        return false;
      }
      for (int i = 0; i < prefix; i++) {
        int mask = 0x80 >>> (i % 8);
        if ((b[i / 8] & mask) != (network[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Whether {@code a} is a public unicast address. IPv6 addresses that carry an IPv4 address
   * (IPv4-compatible, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by that address; Java already
   * turns IPv4-mapped ones (::ffff:a.b.c.d) into IPv4 addresses.
   */
  static boolean isPublic(InetAddress a) {
    if (a.isLoopbackAddress()
        || a.isAnyLocalAddress()
        || a.isLinkLocalAddress()
        || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      return isPublicV4(b, 0);
    }
    if (!(a instanceof Inet6Address)) {
      return false;
    }
    if ((b[0] & 0xFE) == 0xFC) {
      return false; // fc00::/7 unique local
    }
    if (leadingZeros(b, 12)) {
      return isPublicV4(b, 12); // IPv4-compatible ::a.b.c.d
    }
    if ((b[0] & 0xFF) == 0x00
        && (b[1] & 0xFF) == 0x64
        && (b[2] & 0xFF) == 0xFF
        && (b[3] & 0xFF) == 0x9B) {
      return isPublicV4(b, 12); // NAT64 64:ff9b::/96
    }
    if ((b[0] & 0xFF) == 0x20 && (b[1] & 0xFF) == 0x02) {
      return isPublicV4(b, 2); // 6to4 2002:a.b.c.d::/48
    }
    if ((b[0] & 0xFF) == 0x20
        && (b[1] & 0xFF) == 0x01
        && (b[2] & 0xFF) == 0x0D
        && (b[3] & 0xFF) == 0xB8) {
      return false; // 2001:db8::/32 documentation
    }
    return true;
  }

  private static boolean leadingZeros(byte[] b, int count) {
    for (int i = 0; i < count; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isPublicV4(byte[] b, int at) {
    int first = b[at] & 0xFF;
    int second = b[at + 1] & 0xFF;
    int third = b[at + 2] & 0xFF;
    return first != 0 // this network
        && first != 10
        && first != 127
        && !(first == 100 && second >= 64 && second < 128) // shared address space
        && !(first == 169 && second == 254)
        && !(first == 172 && second >= 16 && second < 32)
        && !(first == 192 && second == 168)
        && !(first == 192 && second == 0 && (third == 0 || third == 2)) // IETF, TEST-NET-1
        && !(first == 198 && (second == 18 || second == 19)) // benchmarking
        && !(first == 198 && second == 51 && third == 100) // TEST-NET-2
        && !(first == 203 && second == 0 && third == 113) // TEST-NET-3
        && first < 224; // multicast, reserved, broadcast
  }
}
