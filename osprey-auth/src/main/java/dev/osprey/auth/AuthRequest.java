package dev.osprey.auth;

import dev.osprey.protocol.RequestHead;
import dev.osprey.protocol.route.RoutedRequest;
import java.time.Instant;

/**
 * What an authenticator checks: the request head as received, what the router made of it (bucket,
 * key, query) and the server's clock reading.
 */
public record AuthRequest(RequestHead head, RoutedRequest routed, Instant now) {}
