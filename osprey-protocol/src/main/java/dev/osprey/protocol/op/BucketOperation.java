package dev.osprey.protocol.op;

/** Operations addressed to a bucket ({@code /bucket/} or {@code bucket.domain/}). */
public sealed interface BucketOperation extends OssOperation {
  String bucket();

  /** {@code PUT /} on a bucket: PutBucket. Body (optional) is {@code CreateBucketConfiguration}. */
  record PutBucket(String bucket) implements BucketOperation {}

  /** {@code DELETE /} on a bucket. */
  record DeleteBucket(String bucket) implements BucketOperation {}

  /** {@code GET /?bucketInfo}. */
  record GetBucketInfo(String bucket) implements BucketOperation {}

  /** {@code GET /?location}. */
  record GetBucketLocation(String bucket) implements BucketOperation {}

  /** {@code GET /?acl}. */
  record GetBucketAcl(String bucket) implements BucketOperation {}

  /** {@code PUT /?acl} with {@code x-oss-acl}. */
  record PutBucketAcl(String bucket) implements BucketOperation {}

  /**
   * {@code GET /} on a bucket: ListObjects (v1).
   *
   * @param maxKeys 1..1000, default 100
   * @param urlEncoding whether {@code encoding-type=url} was asked
   */
  record ListObjects(
      String bucket,
      String prefix,
      String delimiter,
      String marker,
      int maxKeys,
      boolean urlEncoding)
      implements BucketOperation {}

  /**
   * {@code GET /?list-type=2}: ListObjectsV2.
   *
   * @param continuationToken opaque token from a previous page, or null
   */
  record ListObjectsV2(
      String bucket,
      String prefix,
      String delimiter,
      String startAfter,
      String continuationToken,
      int maxKeys,
      boolean urlEncoding,
      boolean fetchOwner)
      implements BucketOperation {}

  /**
   * {@code POST /?delete}: DeleteMultipleObjects. {@code encoding-type} may come as query (Go v2)
   * or header (Java); this holds the query form, the handler also checks the header.
   */
  record DeleteMultipleObjects(String bucket, boolean urlEncodingQuery)
      implements BucketOperation {}

  /**
   * {@code GET /?uploads}: ListMultipartUploads (query parameters kept raw until multipart lands).
   */
  record ListMultipartUploads(String bucket) implements BucketOperation {}

  /** {@code PUT /?lifecycle}: PutBucketLifecycle; the body is a LifecycleConfiguration. */
  record PutBucketLifecycle(String bucket) implements BucketOperation {}

  /** {@code GET /?lifecycle}: GetBucketLifecycle. */
  record GetBucketLifecycle(String bucket) implements BucketOperation {}

  /** {@code DELETE /?lifecycle}: DeleteBucketLifecycle. */
  record DeleteBucketLifecycle(String bucket) implements BucketOperation {}

  /** {@code PUT /?versioning}: PutBucketVersioning; the body is a VersioningConfiguration. */
  record PutBucketVersioning(String bucket) implements BucketOperation {}

  /** {@code GET /?versioning}: GetBucketVersioning. */
  record GetBucketVersioning(String bucket) implements BucketOperation {}

  /**
   * {@code GET /?versions}: ListObjectVersions.
   *
   * @param maxKeys 1..1000, default 100
   */
  record ListObjectVersions(
      String bucket,
      String prefix,
      String delimiter,
      String keyMarker,
      String versionIdMarker,
      int maxKeys,
      boolean urlEncoding)
      implements BucketOperation {}

  /** {@code PUT /?policy}: PutBucketPolicy; the body is the policy document (JSON). */
  record PutBucketPolicy(String bucket) implements BucketOperation {}

  /** {@code GET /?policy}: GetBucketPolicy. */
  record GetBucketPolicy(String bucket) implements BucketOperation {}

  /** {@code DELETE /?policy}: DeleteBucketPolicy. */
  record DeleteBucketPolicy(String bucket) implements BucketOperation {}

  /** {@code PUT /?cors}: PutBucketCors; the body is a CORSConfiguration. */
  record PutBucketCors(String bucket) implements BucketOperation {}

  /** {@code GET /?cors}: GetBucketCors. */
  record GetBucketCors(String bucket) implements BucketOperation {}

  /** {@code DELETE /?cors}: DeleteBucketCors. */
  record DeleteBucketCors(String bucket) implements BucketOperation {}

  /**
   * {@code OPTIONS} on a bucket or an object: a browser's CORS preflight, answered from the
   * bucket's CORS rules without authentication (OSS's "Options" API).
   *
   * @param key the object named, or null for the bucket itself
   */
  record Options(String bucket, String key) implements BucketOperation {}

  /** {@code PUT /?referer}: PutBucketReferer; the body is a RefererConfiguration. */
  record PutBucketReferer(String bucket) implements BucketOperation {}

  /** {@code GET /?referer}: GetBucketReferer. */
  record GetBucketReferer(String bucket) implements BucketOperation {}

  /** {@code PUT /?tagging}: PutBucketTags; the body is a Tagging document. */
  record PutBucketTags(String bucket) implements BucketOperation {}

  /** {@code GET /?tagging}: GetBucketTags. */
  record GetBucketTags(String bucket) implements BucketOperation {}

  /** {@code DELETE /?tagging}: DeleteBucketTags. */
  record DeleteBucketTags(String bucket) implements BucketOperation {}

  /** {@code GET /?stat}: GetBucketStat. */
  record GetBucketStat(String bucket) implements BucketOperation {}

  /**
   * {@code POST /} on a bucket with a {@code multipart/form-data} body: PostObject (HTML form
   * upload). The key, the credentials and the policy are form fields, read by the handler.
   */
  record PostObject(String bucket) implements BucketOperation {}

  /** {@code PUT /?website}: PutBucketWebsite; the body is a WebsiteConfiguration. */
  record PutBucketWebsite(String bucket) implements BucketOperation {}

  /** {@code GET /?website}: GetBucketWebsite. */
  record GetBucketWebsite(String bucket) implements BucketOperation {}

  /** {@code DELETE /?website}: DeleteBucketWebsite. */
  record DeleteBucketWebsite(String bucket) implements BucketOperation {}

  /** {@code PUT /?logging}: PutBucketLogging; the body is a BucketLoggingStatus. */
  record PutBucketLogging(String bucket) implements BucketOperation {}

  /** {@code GET /?logging}: GetBucketLogging. */
  record GetBucketLogging(String bucket) implements BucketOperation {}

  /** {@code DELETE /?logging}: DeleteBucketLogging. */
  record DeleteBucketLogging(String bucket) implements BucketOperation {}

  /**
   * {@code PUT /?resourceGroup}: PutBucketResourceGroup; the body is a
   * BucketResourceGroupConfiguration.
   */
  record PutBucketResourceGroup(String bucket) implements BucketOperation {}

  /** {@code GET /?resourceGroup}: GetBucketResourceGroup. */
  record GetBucketResourceGroup(String bucket) implements BucketOperation {}

  /** {@code POST /?cname&comp=add}: PutCname; the body is a BucketCnameConfiguration. */
  record PutCname(String bucket) implements BucketOperation {}

  /** {@code GET /?cname}: ListCname. */
  record ListCname(String bucket) implements BucketOperation {}

  /** {@code POST /?cname&comp=delete}: DeleteCname; the body names the domain. */
  record DeleteCname(String bucket) implements BucketOperation {}

  /**
   * A bucket-level sub-resource OSS has but Osprey does not implement yet (cors, lifecycle, ...):
   * answered with NotImplemented, after authentication.
   *
   * @param subresource the query parameter that named it
   */
  record UnsupportedBucketOperation(String bucket, String method, String subresource)
      implements BucketOperation {}
}
