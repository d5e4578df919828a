package dev.osprey.auth;

import dev.osprey.protocol.Headers;
import java.time.Instant;

/**
 * What policies may test about a request beyond its operation: where resources live (region and
 * owning account, for ARNs) and the facts behind condition keys (spec §6).
 *
 * @param region the region in resource ARNs, e.g. {@code cn-hangzhou}
 * @param ownerId the account that owns every bucket (the ARN's owner uid)
 * @param headers request headers ({@code User-Agent}; {@code x-oss-tagging} adds an action)
 * @param sourceIp the client's address as an IP literal, or null when unknown
 * @param now the request time ({@code acs:CurrentTime})
 * @param secureTransport whether the request came over TLS ({@code acs:SecureTransport})
 */
public record RequestEnvironment(
    String region,
    String ownerId,
    Headers headers,
    String sourceIp,
    Instant now,
    boolean secureTransport) {}
