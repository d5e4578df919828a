package dev.osprey.protocol.route;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the router must know about the deployment.
 *
 * @param domains the endpoint host names this server answers to (without port), e.g. {@code
 *     localhost}, {@code oss.example.com}; {@code <bucket>.<domain>} is then virtual-hosted style
 *     (spec §7)
 * @param cnames the custom domains bound to buckets; consulted before anything else
 */
public record RouterConfig(Set<String> domains, CnameLookup cnames) {
  public RouterConfig {
    domains =
        domains.stream()
            .map(d -> d.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
    cnames = cnames == null ? CnameLookup.NONE : cnames;
  }

  /** Without custom domains. */
  public RouterConfig(Set<String> domains) {
    this(domains, CnameLookup.NONE);
  }

  public static RouterConfig defaults() {
    return new RouterConfig(Set.of("localhost"));
  }
}
