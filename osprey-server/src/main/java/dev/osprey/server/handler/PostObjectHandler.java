package dev.osprey.server.handler;

import dev.osprey.auth.policy.PostPolicy;
import dev.osprey.protocol.Crc64;
import dev.osprey.protocol.Headers;
import dev.osprey.protocol.Limits;
import dev.osprey.protocol.ObjectKeys;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.UrlEncoding;
import dev.osprey.protocol.form.MultipartFormReader;
import dev.osprey.protocol.op.BucketOperation.PostObject;
import dev.osprey.protocol.op.ObjectOperation.PutObject;
import dev.osprey.protocol.xml.XmlWriter;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.api.RequestContext;
import dev.osprey.server.callback.CallbackSpec;
import dev.osprey.server.callback.UploadCallbacks;
import dev.osprey.server.callback.UploadFacts;
import dev.osprey.server.iam.AdminJson;
import dev.osprey.storage.BucketRecord;
import dev.osprey.storage.ObjectAttributes;
import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.ObjectService;
import dev.osprey.storage.PutObjectCommand;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * PostObject, the HTML form upload (docs/browsers.md): fields first, read into memory within a
 * bound, then the {@code file} field, streamed into the object as it arrives; fields after it are
 * not read. The credentials, the key and the policy are fields, so the upload is authenticated and
 * authorized here, once they are known.
 */
final class PostObjectHandler {
  /** All fields but the file, together, at most this many bytes. */
  static final int MAX_FIELD_BYTES = Limits.FORM_FIELDS_BYTES;

  /** The form fields that become the object's headers, as a PutObject's headers would. */
  private static final String[] HEADER_FIELDS = {
    "content-type",
    "cache-control",
    "content-disposition",
    "content-encoding",
    "content-language",
    "expires",
    "content-md5",
    "x-oss-object-acl",
    "x-oss-storage-class",
    "x-oss-forbid-overwrite",
    "x-oss-tagging"
  };

  private final ObjectService storage;
  private final UploadCallbacks callbacks;

  PostObjectHandler(ObjectService storage, UploadCallbacks callbacks) {
    this.storage = storage;
    this.callbacks = callbacks;
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/postobject">PostObject</a>.
   */
  OssResponse postObject(RequestContext ctx, PostObject op) {
    BucketRecord bucket = storage.getBucket(op.bucket());
    String boundary = MultipartFormReader.boundary(ctx.header("content-type"));
    if (boundary == null) {
      throw OssException.of(
          OssErrorCode.MALFORMED_POST_REQUEST,
          "A form upload must be multipart/form-data with a boundary.");
    }
    MultipartFormReader form = new MultipartFormReader(ctx.body(), boundary);
    Map<String, String> fields = new HashMap<>();
    MultipartFormReader.Part file = readFields(form, fields);
    String key = key(fields, file.filename());
    fields.put("key", key);
    fields.put("bucket", op.bucket());
    PostPolicy policy =
        fields.get("policy") == null ? null : PostPolicy.parse(fields.get("policy"));
    PutObject upload = new PutObject(op.bucket(), key);
    ctx.formUpload().require(fields::get, upload);
    if (policy != null) {
      policy.check(ctx.received(), fields::get);
    }
    // Checked before anything is stored, as a PutObject's x-oss-callback is.
    CallbackSpec callback = callbacks.prepare(callbackHeaders(fields));
    Headers headers = headers(fields, file.contentType());
    ObjectAttributes attributes =
        ObjectHeaders.attributesFrom(
            headers, bucket.storageClass(), ObjectHeaders.tagsFrom(headers));
    PutObjectCommand command =
        new PutObjectCommand(
            op.bucket(),
            key,
            -1,
            headers.get("content-md5"),
            attributes,
            "true".equalsIgnoreCase(headers.get("x-oss-forbid-overwrite")));
    InputStream body =
        policy == null
            ? file.body()
            : new LengthRange(file.body(), policy.minLength(), policy.maxLength());
    ObjectRecord stored = storage.putObject(command, body);
    if (callback != null) {
      // With a callback the application's answer is the upload's answer (200, or 203
      // CallbackFailed with the object kept); success_action_* do not apply (UNCONFIRMED,
      // docs/callbacks.md).
      return callbacks.answer(
          callback,
          UploadFacts.of(stored, ctx.request().remoteAddress(), ctx.requestId(), "PostObject"),
          objectHeaders(OssResponse.ok(), stored));
    }
    return answer(ctx, fields, stored);
  }

  /**
   * The form's callback as the headers of a PutObject would carry it: the {@code callback} field
   * (base64 JSON, as {@code x-oss-callback}) and every {@code x:} field as a callback variable (as
   * {@code x-oss-callback-var}, whose base64 JSON object this builds).
   */
  private static Headers callbackHeaders(Map<String, String> fields) {
    Headers h = new Headers();
    String spec = fields.get("callback");
    if (spec == null || spec.isBlank()) {
      return h;
    }
    h.add(CallbackSpec.HEADER, spec);
    StringBuilder vars = new StringBuilder("{");
    fields.entrySet().stream()
        .filter(f -> f.getKey().startsWith("x:"))
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            f ->
                vars.append(vars.length() > 1 ? "," : "")
                    .append(AdminJson.quote(f.getKey()))
                    .append(':')
                    .append(AdminJson.quote(f.getValue())));
    if (vars.length() > 1) {
      h.add(
          CallbackSpec.VAR_HEADER,
          Base64.getEncoder()
              .encodeToString(vars.append('}').toString().getBytes(StandardCharsets.UTF_8)));
    }
    return h;
  }

  private static OssResponse objectHeaders(OssResponse r, ObjectRecord stored) {
    return ObjectHeaders.versionId(
        r.header("ETag", ObjectHeaders.quoted(stored.etag()))
            .header("x-oss-hash-crc64ecma", Crc64.toUnsignedString(stored.crc64()))
            .header("Content-MD5", stored.contentMd5()),
        stored);
  }

  /** Reads the fields before {@code file} into {@code fields} (lower-case names; first wins). */
  private static MultipartFormReader.Part readFields(
      MultipartFormReader form, Map<String, String> fields) {
    int budget = MAX_FIELD_BYTES;
    try {
      for (MultipartFormReader.Part p = form.next(); p != null; p = form.next()) {
        String name = p.name().toLowerCase(Locale.ROOT);
        if (name.equals("file")) {
          return p;
        }
        byte[] value = p.body().readNBytes(budget + 1);
        if (value.length > budget) {
          throw OssException.of(
              OssErrorCode.MALFORMED_POST_REQUEST,
              "The form fields before the file exceed " + MAX_FIELD_BYTES + " bytes.");
        }
        budget -= value.length;
        fields.putIfAbsent(name, new String(value, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new OssException(
          OssErrorCode.INCOMPLETE_BODY, "The request body could not be read.", e);
    }
    // OSS answers a form without a file field as it answers any ill-formed form (its
    // troubleshooting page for EC 0006-00000104: MalformedPOSTRequest, 400).
    throw OssException.of(
        OssErrorCode.MALFORMED_POST_REQUEST,
        "The body of your POST request is not well-formed multipart/form-data: it has no file"
            + " field (the file must be the last field).");
  }

  /** The key field, with {@code ${filename}} replaced by the uploaded file's name. */
  private static String key(Map<String, String> fields, String filename) {
    String key = fields.get("key");
    if (key == null || key.isEmpty()) {
      throw OssException.invalidArgument("The form has no key field.", "key", "");
    }
    if (key.contains("${filename}")) {
      String name = filename == null ? "" : filename;
      // browsers on some systems send a full path; only its last part is the file's name
      name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
      key = key.replace("${filename}", name);
    }
    ObjectKeys.validate(key);
    return key;
  }

  /** The fields that act as a PutObject's headers; the file part's type when no field sets one. */
  private static Headers headers(Map<String, String> fields, String fileContentType) {
    Headers h = new Headers();
    for (String name : HEADER_FIELDS) {
      String v = fields.get(name);
      if (v != null) {
        h.add(name, v);
      }
    }
    if (!h.contains("content-type") && fileContentType != null) {
      h.add("content-type", fileContentType);
    }
    for (Map.Entry<String, String> f : fields.entrySet()) {
      if (f.getKey().startsWith(ObjectHeaders.META_PREFIX)) {
        h.add(f.getKey(), f.getValue());
      }
    }
    return h;
  }

  /**
   * {@code success_action_redirect}: 303 to that URL with bucket, key and ETag; otherwise {@code
   * success_action_status} 200 (empty), 201 (a PostResponse document) or 204, the default.
   */
  private static OssResponse answer(
      RequestContext ctx, Map<String, String> fields, ObjectRecord stored) {
    String etag = ObjectHeaders.quoted(stored.etag());
    String redirect = fields.get("success_action_redirect");
    OssResponse r;
    if (redirect != null && !redirect.isEmpty()) {
      String location =
          redirect
              + (redirect.contains("?") ? "&" : "?")
              + "bucket="
              + UrlEncoding.encode(stored.bucket())
              + "&key="
              + UrlEncoding.encode(stored.key())
              + "&etag="
              + UrlEncoding.encode(etag);
      r = OssResponse.status(303).header("Location", location);
    } else {
      String status = fields.getOrDefault("success_action_status", "204").trim();
      r =
          switch (status) {
            case "200" -> OssResponse.ok();
            case "201" -> OssResponse.status(201).body(postResponse(ctx, stored, etag));
            default -> OssResponse.noContent();
          };
    }
    return objectHeaders(r, stored);
  }

  private static OssResponse.Body postResponse(
      RequestContext ctx, ObjectRecord stored, String etag) {
    String host = ctx.header("host");
    String xml =
        XmlWriter.document("PostResponse")
            .element("Bucket", stored.bucket())
            .element("Location", "http://" + host + "/" + UrlEncoding.encode(stored.key(), true))
            .element("Key", stored.key())
            .element("ETag", etag)
            .toXml();
    return new OssResponse.BytesBody(xml.getBytes(StandardCharsets.UTF_8), "application/xml");
  }

  /**
   * The file's bytes, refused as they arrive once they pass the policy's content-length-range, and
   * at their end when they fall short of it: the object is then never committed.
   */
  private static final class LengthRange extends FilterInputStream {
    private final long min;
    private final long max;
    private long seen;

    LengthRange(InputStream in, long min, long max) {
      super(in);
      this.min = min;
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n < 0) {
        if (seen < min) {
          throw OssException.of(
              OssErrorCode.ENTITY_TOO_SMALL,
              "Your proposed upload is smaller than the minimum allowed size.");
        }
        return n;
      }
      seen += n;
      if (seen > max) {
        throw OssException.of(OssErrorCode.ENTITY_TOO_LARGE);
      }
      return n;
    }
  }
}
