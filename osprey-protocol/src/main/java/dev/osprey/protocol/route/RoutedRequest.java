package dev.osprey.protocol.route;

import dev.osprey.protocol.QueryParams;
import dev.osprey.protocol.op.OssOperation;

/**
 * The router's answer: the typed operation plus what authentication needs to rebuild the signed
 * resource.
 *
 * @param operation the parsed operation
 * @param bucket the bucket named by Host or path, or null for service operations
 * @param key the decoded object key, or null for service and bucket operations
 * @param query the decoded query parameters
 */
public record RoutedRequest(OssOperation operation, String bucket, String key, QueryParams query) {}
