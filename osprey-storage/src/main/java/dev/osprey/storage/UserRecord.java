package dev.osprey.storage;

import java.time.Instant;

/**
 * A RAM user as stored.
 *
 * @param name the user name, unique in the account ({@code [A-Za-z0-9._@-]}, 1–64 characters)
 * @param userId the user's numeric id, the value bucket policies name in {@code Principal}
 * @param created creation time (millisecond precision)
 */
public record UserRecord(String name, String userId, Instant created) {}
