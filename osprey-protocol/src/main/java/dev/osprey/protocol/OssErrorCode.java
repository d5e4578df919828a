package dev.osprey.protocol;

/**
 * The OSS error vocabulary: each code's string, HTTP status, default message and, where OSS
 * documents one, its EC (fine-grained diagnostic code, sent as {@code <EC>} and {@code x-oss-ec}).
 * Spec §4.2 lists the codes; §1.5 the append-specific ones.
 */
public enum OssErrorCode {
  ACCESS_DENIED("AccessDenied", 403, "AccessDenied"),
  INVALID_ACCESS_KEY_ID(
      "InvalidAccessKeyId",
      403,
      "The OSS Access Key Id you provided does not exist in our records."),
  SIGNATURE_DOES_NOT_MATCH(
      "SignatureDoesNotMatch",
      403,
      "The request signature we calculated does not match the signature you provided. Check your key and signing"
          + " method.",
      "0002-00000040"),
  REQUEST_TIME_TOO_SKEWED(
      "RequestTimeTooSkewed",
      403,
      "The difference between the request time and the current time is too large.",
      "0002-00000504"),
  INVALID_SECURITY_TOKEN(
      "InvalidSecurityToken", 403, "The security token you provided is invalid.", "0002-00000006"),
  /** Observed on OSS for STS credentials past their Expiration (EC 0002-00000007). */
  SECURITY_TOKEN_EXPIRED(
      "SecurityTokenExpired", 403, "The security token you provided has expired.", "0002-00000007"),
  NO_SUCH_BUCKET("NoSuchBucket", 404, "The specified bucket does not exist.", "0015-00000101"),
  NO_SUCH_KEY("NoSuchKey", 404, "The specified key does not exist.", "0026-00000001"),
  NO_SUCH_UPLOAD(
      "NoSuchUpload",
      404,
      "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or"
          + " completed."),
  /** GetSymlink of an object that is not a symlink. */
  NOT_SYMLINK("NotSymlink", 400, "The specified object is not a symlink."),
  /** Reading through a symlink whose target is itself a symlink. */
  INVALID_TARGET_TYPE("InvalidTargetType", 400, "The symbolic's target file type is invalid."),
  NO_SUCH_TAG_SET("NoSuchTagSet", 404, "The TagSet does not exist."),
  /** A versionId naming no version of the key (GetObject, HeadObject, CopyObject, tagging, ACL). */
  NO_SUCH_VERSION("NoSuchVersion", 404, "The specified version does not exist."),
  METHOD_NOT_ALLOWED(
      "MethodNotAllowed", 405, "The specified method is not allowed against this resource."),
  BUCKET_ALREADY_EXISTS(
      "BucketAlreadyExists",
      409,
      "The requested bucket name is not available. The bucket namespace is shared by all users of the system."
          + " Please select a different name and try again."),
  /**
   * DeleteBucket with objects left (DeleteBucket page's example); pending multipart uploads give
   * {@link #BUCKET_HAS_UPLOADS_MESSAGE} with the same code.
   */
  BUCKET_NOT_EMPTY(
      "BucketNotEmpty", 409, "The bucket has objects. Please delete them first.", "0015-00000301"),
  FILE_ALREADY_EXISTS(
      "FileAlreadyExists",
      409,
      "The object you specified already exists and can not be overwritten."),
  POSITION_NOT_EQUAL_TO_LENGTH(
      "PositionNotEqualToLength", 409, "Position is not equal to file length", "0026-00000016"),
  OBJECT_NOT_APPENDABLE(
      "ObjectNotAppendable", 409, "The object is not appendable", "0026-00000017"),
  MISSING_CONTENT_LENGTH(
      "MissingContentLength", 411, "You must provide the Content-Length HTTP header."),
  MISSING_ARGUMENT("MissingArgument", 400, "Missing Some Required Arguments.", "0016-00000501"),
  PRECONDITION_FAILED(
      "PreconditionFailed", 412, "At least one of the pre-conditions you specified did not hold."),
  NOT_MODIFIED("NotModified", 304, "Not Modified"),
  INVALID_RANGE("InvalidRange", 416, "The requested range cannot be satisfied"),
  INVALID_ARGUMENT("InvalidArgument", 400, "Invalid argument."),
  /** PutBucket naming a region this server does not serve. */
  INVALID_LOCATION_CONSTRAINT(
      "InvalidLocationConstraint", 400, "The specified location-constraint is not valid."),
  INVALID_BUCKET_NAME("InvalidBucketName", 400, "The specified bucket is not valid."),
  INVALID_OBJECT_NAME("InvalidObjectName", 400, "The specified object is not valid."),
  INVALID_DIGEST("InvalidDigest", 400, "The Content-MD5 you specified was invalid."),
  ENTITY_TOO_LARGE("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed size."),
  ENTITY_TOO_SMALL(
      "EntityTooSmall", 400, "Your proposed upload smaller than the minimum allowed size."),
  INVALID_PART(
      "InvalidPart",
      400,
      "One or more of the specified parts could not be found or the specified entity tag might not have matched the"
          + " part's entity tag."),
  INVALID_PART_ORDER(
      "InvalidPartOrder",
      400,
      "The list of parts was not in ascending order. Parts must be ordered by part number."),
  MALFORMED_XML(
      "MalformedXML",
      400,
      "The XML you provided was not well-formed or did not validate against our published schema."),
  INVALID_TAG("InvalidTag", 400, "The tag provided was not a valid tag."),
  TOO_MANY_BUCKETS(
      "TooManyBuckets", 400, "You have attempted to create more buckets than allowed."),
  REQUEST_TIMEOUT(
      "RequestTimeout",
      400,
      "Your socket connection to the server was not read from or written to within the timeout period."),
  INCOMPLETE_BODY(
      "IncompleteBody",
      400,
      "You did not provide the number of bytes specified by the Content-Length HTTP header."),
  INVALID_REQUEST("InvalidRequest", 400, "Invalid request."),
  INVALID_URI("InvalidURI", 400, "Couldn't parse the specified URI."),
  REQUEST_HEADER_TOO_LARGE("RequestHeaderTooLarge", 400, "Your request header is too large."),
  INVALID_ENCRYPTION_ALGORITHM(
      "InvalidEncryptionAlgorithmError", 400, "The Encryption request you specified is not valid."),
  /** PutBucketPolicy with a document that is not a valid policy (EC 0030-00000005). */
  INVALID_POLICY_DOCUMENT("InvalidPolicyDocument", 400, "The policy is invalid.", "0030-00000005"),
  NO_SUCH_BUCKET_POLICY("NoSuchBucketPolicy", 404, "The bucket policy does not exist."),
  /** GetBucketLifecycle of a bucket without one (the message OSS sends). */
  NO_SUCH_LIFECYCLE("NoSuchLifecycle", 404, "No Row found in Lifecycle Table."),
  /** GetBucketCors of a bucket without a CORS configuration. */
  NO_SUCH_CORS_CONFIGURATION(
      "NoSuchCORSConfiguration", 404, "The CORS Configuration does not exist."),
  /**
   * A CORS preflight (OPTIONS) that no rule of the bucket allows, or one sent to a bucket without
   * CORS rules; OSS prefixes the message with {@code CORSResponse:}.
   */
  ACCESS_FORBIDDEN(
      "AccessForbidden",
      403,
      "CORSResponse: This CORS request is not allowed. This is usually because the evalution of"
          + " Origin, request method / Access-Control-Request-Method or"
          + " Access-Control-Request-Headers are not whitelisted by the resource's CORS spec."),
  /** A PostObject body that is not well-formed multipart/form-data, or lacks a required field. */
  MALFORMED_POST_REQUEST(
      "MalformedPOSTRequest",
      400,
      "The body of your POST request is not well-formed multipart/form-data."),
  /**
   * GetObject or CopyObject of an Archive, Cold Archive or Deep Cold Archive object that is not in
   * the restored state.
   */
  INVALID_OBJECT_STATE(
      "InvalidObjectState", 403, "The operation is not valid for the object's state"),
  /** RestoreObject while an earlier restore of the object is still running (EC 0016-00000701). */
  RESTORE_ALREADY_IN_PROGRESS(
      "RestoreAlreadyInProgress", 409, "The restore operation is in progress.", "0016-00000701"),
  /**
   * RestoreObject of an object whose storage class needs no restore (Standard, IA; EC
   * 0016-00000702).
   */
  OPERATION_NOT_SUPPORTED(
      "OperationNotSupported",
      400,
      "The operation is not supported for this resource.",
      "0016-00000702"),
  /**
   * An upload with {@code x-oss-callback} whose callback failed: the object is stored, the answer
   * is 203 with this error body.
   */
  CALLBACK_FAILED("CallbackFailed", 203, "Callback failed."),
  /** GetBucketWebsite of a bucket without one. */
  NO_SUCH_WEBSITE_CONFIGURATION(
      "NoSuchWebsiteConfiguration",
      404,
      "The specified bucket does not have a website configuration."),
  /** PutBucketLogging naming a target bucket that is missing or another owner's. */
  INVALID_TARGET_BUCKET_FOR_LOGGING(
      "InvalidTargetBucketForLogging",
      400,
      "The target bucket for logging does not exist, is not owned by you, or is in another"
          + " region."),
  /** PutCname of a domain already bound to another bucket. */
  CNAME_ALREADY_EXISTS("CnameAlreadyExists", 409, "The domain is already bound to another bucket."),
  /** PutCname past the number of domains a bucket may have. */
  TOO_MANY_CNAME("TooManyCname", 400, "The bucket has too many custom domains."),
  NOT_IMPLEMENTED("NotImplemented", 501, "The operation is not implemented by this server."),
  /**
   * A write refused for lack of room: the configured capacity is reached or the disk holding the
   * data is full. OSS documents no code for this (its capacity is unbounded); 507 is HTTP's own
   * status for it, and the SDKs do not retry it (docs/api-coverage.md).
   */
  INSUFFICIENT_STORAGE(
      "InsufficientStorage", 507, "There is not enough storage left to complete the request."),
  INTERNAL_ERROR("InternalError", 500, "We encountered an internal error. Please try again."),
  SERVICE_UNAVAILABLE("ServiceUnavailable", 503, "Please reduce your request rate.");

  /** BucketNotEmpty's message while multipart uploads are pending (the Java SDK's tests). */
  public static final String BUCKET_HAS_UPLOADS_MESSAGE =
      "The bucket has Multipart Uploads. Please abort them first.";

  /**
   * The EC sent for codes whose EC OSS does not document: every OSS error carries one (spec §4.1),
   * and clients that read {@code <EC>} or {@code x-oss-ec} find the element present. Zeros name no
   * real OSS diagnostic, so nobody looks one up in OSS's troubleshooting pages.
   */
  public static final String UNDOCUMENTED_EC = "0000-00000000";

  private final String code;
  private final int httpStatus;
  private final String defaultMessage;
  private final String ec;

  OssErrorCode(String code, int httpStatus, String defaultMessage) {
    this(code, httpStatus, defaultMessage, null);
  }

  OssErrorCode(String code, int httpStatus, String defaultMessage, String ec) {
    this.code = code;
    this.httpStatus = httpStatus;
    this.defaultMessage = defaultMessage;
    this.ec = ec;
  }

  /** The code string as OSS spells it in {@code <Code>}. */
  public String code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public String defaultMessage() {
    return defaultMessage;
  }

  /** The documented EC for this code, or {@link #UNDOCUMENTED_EC} when OSS documents none. */
  public String ec() {
    return ec == null ? UNDOCUMENTED_EC : ec;
  }
}
