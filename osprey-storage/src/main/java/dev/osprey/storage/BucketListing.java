package dev.osprey.storage;

import java.util.List;

/** One page of buckets; {@code nextMarker} is the last name on a truncated page. */
public record BucketListing(List<BucketRecord> buckets, boolean truncated, String nextMarker) {}
