package dev.osprey.server.callback;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which hosts upload callbacks may reach (docs/callbacks.md). Callbacks make the server send
 * requests where a client says, so a client able to upload could otherwise make it probe the
 * server's own network (SSRF). {@code any} (the default: Osprey usually runs next to the
 * application it calls back, on loopback or a private network) allows every address; {@code public}
 * refuses loopback, private, link-local, shared (100.64/10), unique-local, multicast and
 * unspecified addresses, as OSS only calls public addresses; a list of host names allows those
 * names only (and whatever addresses they resolve to). The decision is made on every address a name
 * resolves to, and the connection goes to an address that was judged, so a name cannot resolve
 * differently between the check and the connection.
 */
public sealed interface CallbackHostPolicy {
  CallbackHostPolicy ANY = new Any();
  CallbackHostPolicy PUBLIC = new PublicOnly();

  /** Whether the URL's host name may be called at all (before it is resolved). */
  boolean allowsName(String host);

  /** Whether a resolved address of an allowed name may be connected to. */
  boolean allowsAddress(InetAddress address);

  /** {@code any}, {@code public}, or a comma-separated list of host names. */
  static CallbackHostPolicy parse(String value) {
    String v = value.trim();
    if (v.equalsIgnoreCase("any")) {
      return ANY;
    }
    if (v.equalsIgnoreCase("public")) {
      return PUBLIC;
    }
    Set<String> names =
        java.util.Arrays.stream(v.split(","))
            .map(s -> s.trim().toLowerCase(Locale.ROOT))
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
    if (names.isEmpty()) {
      throw new IllegalArgumentException("callback hosts: expected any, public or host names");
    }
    return new Listed(names);
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

  /** Public unicast addresses only. */
  record PublicOnly() implements CallbackHostPolicy {
    @Override
    public boolean allowsName(String host) {
      return true;
    }

    @Override
    public boolean allowsAddress(InetAddress a) {
      if (a.isLoopbackAddress()
          || a.isAnyLocalAddress()
          || a.isLinkLocalAddress()
          || a.isSiteLocalAddress()
          || a.isMulticastAddress()) {
        return false;
      }
      byte[] b = a.getAddress();
      if (a instanceof Inet4Address) {
        int first = b[0] & 0xFF;
        int second = b[1] & 0xFF;
        return first != 0 && !(first == 100 && second >= 64 && second < 128) && first < 224;
      }
      if (a instanceof Inet6Address) {
        return (b[0] & 0xFE) != 0xFC; // fc00::/7 unique local
      }
      return false;
    }
  }

  /** The named hosts only. */
  record Listed(Set<String> names) implements CallbackHostPolicy {
    @Override
    public boolean allowsName(String host) {
      return names.contains(host.toLowerCase(Locale.ROOT));
    }

    @Override
    public boolean allowsAddress(InetAddress address) {
      return true;
    }
  }
}
