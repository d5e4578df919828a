package dev.osprey.storage;

import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.StorageClass;
import java.util.Map;
import java.util.SortedMap;

/**
 * What a writer sets on an object besides its bytes: the standard content headers, user metadata,
 * ACL, storage class and tags. Null header fields mean "not set".
 *
 * @param userMetadata {@code x-oss-meta-*} with the prefix stripped, names lower-case, sorted
 * @param tags object tags in the order given
 */
public record ObjectAttributes(
    String contentType,
    String cacheControl,
    String contentDisposition,
    String contentEncoding,
    String contentLanguage,
    String expires,
    SortedMap<String, String> userMetadata,
    CannedAcl acl,
    StorageClass storageClass,
    Map<String, String> tags) {

  public ObjectAttributes {
    userMetadata =
        userMetadata == null ? new java.util.TreeMap<>() : new java.util.TreeMap<>(userMetadata);
    userMetadata = java.util.Collections.unmodifiableSortedMap(userMetadata);
    tags =
        tags == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
    acl = acl == null ? CannedAcl.DEFAULT : acl;
    storageClass = storageClass == null ? StorageClass.STANDARD : storageClass;
  }

  public ObjectAttributes withTags(Map<String, String> newTags) {
    return new ObjectAttributes(
        contentType,
        cacheControl,
        contentDisposition,
        contentEncoding,
        contentLanguage,
        expires,
        userMetadata,
        acl,
        storageClass,
        newTags);
  }

  public ObjectAttributes withAcl(CannedAcl newAcl) {
    return new ObjectAttributes(
        contentType,
        cacheControl,
        contentDisposition,
        contentEncoding,
        contentLanguage,
        expires,
        userMetadata,
        newAcl,
        storageClass,
        tags);
  }
}
