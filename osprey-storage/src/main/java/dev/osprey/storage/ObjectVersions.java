package dev.osprey.storage;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The version-addressed reads and writes of {@link DefaultObjectService} ({@code ?versionId=}), and
 * the answers OSS gives around delete markers (spec §2.3): a versionId naming none is
 * NoSuchVersion, one naming a delete marker is MethodNotAllowed, and a key whose latest version is
 * a delete marker is NoSuchKey with {@code x-oss-delete-marker: true}.
 */
final class ObjectVersions {
  static final String DELETE_MARKER_HEADER = "x-oss-delete-marker";
  static final String VERSION_ID_HEADER = "x-oss-version-id";

  private final MetadataStore metadata;

  ObjectVersions(MetadataStore metadata) {
    this.metadata = metadata;
  }

  /** The version's record; NoSuchBucket, NoSuchVersion, MethodNotAllowed for a delete marker. */
  ObjectRecord version(String bucket, String key, String versionId) {
    Optional<ObjectRecord> found = metadata.getObjectVersion(bucket, key, versionId);
    return readable(bucket, found, versionId);
  }

  /** The version's record, folded length and tail; same errors as {@link #version}. */
  ObjectState versionState(String bucket, String key, String versionId) {
    Optional<ObjectState> found = metadata.getObjectVersionWithTail(bucket, key, versionId);
    readable(bucket, found.map(ObjectState::object), versionId);
    return found.orElseThrow();
  }

  /** Changes one version in place (tags, ACL); same errors as {@link #version}. */
  ObjectRecord update(
      String bucket, String key, String versionId, UnaryOperator<ObjectRecord> change) {
    ObjectChange result =
        metadata.updateObjectVersion(
            bucket,
            key,
            versionId,
            current -> Optional.of(change.apply(readable(bucket, current, versionId))));
    return result.after().orElseThrow();
  }

  /**
   * The NoSuchKey (or NoSuchBucket) for a key without a current record, with the delete-marker
   * headers when its latest version is a delete marker. Only a miss pays the lookups.
   */
  OssException missing(String bucket, String key) {
    BucketRecord b =
        metadata.getBucket(bucket).orElseThrow(() -> DefaultObjectService.noSuchBucket(bucket));
    OssException e = DefaultObjectService.noSuchKey(key);
    if (b.versioning().versioned()) {
      metadata
          .latestDeleteMarker(bucket, key)
          .ifPresent(
              m ->
                  e.header(DELETE_MARKER_HEADER, "true")
                      .header(VERSION_ID_HEADER, m.version().id()));
    }
    return e;
  }

  private ObjectRecord readable(String bucket, Optional<ObjectRecord> found, String versionId) {
    if (found.isEmpty()) {
      if (metadata.getBucket(bucket).isEmpty()) {
        throw DefaultObjectService.noSuchBucket(bucket);
      }
      throw new OssException(OssErrorCode.NO_SUCH_VERSION).detail("VersionId", versionId);
    }
    ObjectRecord o = found.get();
    if (o.isDeleteMarker()) {
      // Spec §2.3: a delete marker cannot be read, only deleted.
      throw OssException.of(OssErrorCode.METHOD_NOT_ALLOWED)
          .detail("Method", "GET")
          .detail("ResourceType", "DeleteMarker")
          .header("Allow", "DELETE")
          .header(DELETE_MARKER_HEADER, "true")
          .header(VERSION_ID_HEADER, o.version().id());
    }
    return o;
  }
}
