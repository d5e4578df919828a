package dev.osprey.server.handler;

import dev.osprey.auth.Principal;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.UrlEncoding;
import dev.osprey.protocol.op.BucketOperation.ListObjects;
import dev.osprey.protocol.op.ObjectOperation.GetObject;
import dev.osprey.protocol.op.ResponseOverrides;
import dev.osprey.protocol.xml.WebsiteConfiguration;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.api.RequestContext;
import dev.osprey.storage.ObjectService;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Static website hosting (docs/website.md): for an anonymous GET on a bucket with a website
 * configuration, {@code /} and {@code dir/} are answered with the index document, a missing key
 * with the error document (its HttpStatus, 404 by default), and the External redirects of the
 * routing rules apply. Signed requests are API calls and never rewritten, as on OSS, where a signed
 * {@code GET /} lists the bucket. Every document served is read with the caller's rights: an index
 * or error document the visitor could not GET directly is refused like that GET.
 */
final class WebsiteReads {
  private final ObjectService storage;
  private final ObjectHandler objects;

  WebsiteReads(ObjectService storage, ObjectHandler objects) {
    this.storage = storage;
    this.objects = objects;
  }

  /** ListObjects, or the index document of a website bucket's root. */
  OssResponse listObjects(RequestContext ctx, ListObjects op, Supplier<OssResponse> listing) {
    WebsiteConfiguration site = website(ctx, op.bucket());
    boolean plainRoot = op.prefix() == null && op.marker() == null && op.delimiter() == null;
    if (site == null || site.indexSuffix() == null || !plainRoot) {
      return listing.get();
    }
    return withErrorDocument(
        ctx, op.bucket(), site, "", () -> serve(ctx, op.bucket(), site.indexSuffix()));
  }

  /** GetObject, with a website bucket's index document, error document and redirects. */
  OssResponse getObject(RequestContext ctx, GetObject op) {
    WebsiteConfiguration site =
        op.versionId() == null && op.overrides().isEmpty() ? website(ctx, op.bucket()) : null;
    if (site == null) {
      return objects.getObject(ctx, op);
    }
    String key = op.key();
    for (WebsiteConfiguration.RoutingRule rule : site.rules()) {
      if (rule.applied() && rule.errorCode() == 0 && rule.matches(key, 0)) {
        return redirect(ctx, rule, key);
      }
    }
    if (key.endsWith("/") && site.indexSuffix() != null) {
      String index = site.supportSubDir() ? key + site.indexSuffix() : site.indexSuffix();
      return withErrorDocument(ctx, op.bucket(), site, key, () -> serve(ctx, op.bucket(), index));
    }
    return withErrorDocument(ctx, op.bucket(), site, key, () -> missingDirectory(ctx, op, site));
  }

  /**
   * {@code dir} without its slash, when no object has that key: with SupportSubDir, Type 0
   * redirects to {@code dir/} when {@code dir/<index>} exists, Type 2 serves {@code dir/<index>},
   * Type 1 leaves it missing.
   */
  private OssResponse missingDirectory(
      RequestContext ctx, GetObject op, WebsiteConfiguration site) {
    try {
      return objects.getObject(ctx, op);
    } catch (OssException e) {
      if (e.code() != OssErrorCode.NO_SUCH_KEY
          || !site.supportSubDir()
          || site.indexSuffix() == null
          || site.subDirType() == 1) {
        throw e;
      }
      String index = op.key() + "/" + site.indexSuffix();
      if (site.subDirType() == 2) {
        return serve(ctx, op.bucket(), index);
      }
      storage.headObject(op.bucket(), index); // NoSuchKey when the directory has no index either
      return OssResponse.status(302)
          .header("Location", "/" + UrlEncoding.encode(op.key(), true) + "/");
    }
  }

  /** Runs {@code read}; a NoSuchKey becomes a routing rule's redirect or the error document. */
  private OssResponse withErrorDocument(
      RequestContext ctx,
      String bucket,
      WebsiteConfiguration site,
      String key,
      Supplier<OssResponse> read) {
    try {
      return read.get();
    } catch (OssException e) {
      if (e.code() != OssErrorCode.NO_SUCH_KEY) {
        throw e;
      }
      for (WebsiteConfiguration.RoutingRule rule : site.rules()) {
        if (rule.applied() && rule.errorCode() == 404 && rule.matches(key, 404)) {
          return redirect(ctx, rule, key);
        }
      }
      if (site.errorKey() == null) {
        throw e;
      }
      OssResponse page;
      try {
        page = serve(ctx, bucket, site.errorKey());
      } catch (OssException missing) {
        throw e;
      }
      return page.withStatus(site.errorStatus());
    }
  }

  private OssResponse serve(RequestContext ctx, String bucket, String key) {
    ctx.requireRead(bucket, key);
    return objects.getObject(ctx, new GetObject(bucket, key, ResponseOverrides.NONE));
  }

  private static OssResponse redirect(
      RequestContext ctx, WebsiteConfiguration.RoutingRule rule, String key) {
    String host = rule.hostName() != null ? rule.hostName() : ctx.header("host");
    String protocol = rule.protocol() != null ? rule.protocol() : "http";
    String location =
        protocol + "://" + host + "/" + UrlEncoding.encode(rule.redirectKey(key), true);
    return OssResponse.status(rule.redirectCode()).header("Location", location);
  }

  /** The bucket's website configuration when the caller is anonymous, else null. */
  private WebsiteConfiguration website(RequestContext ctx, String bucket) {
    if (!(ctx.principal() instanceof Principal.Anonymous)) {
      return null;
    }
    String xml = storage.getBucket(bucket).config(BucketConfigHandler.WEBSITE);
    return xml == null ? null : WebsiteConfiguration.parse(xml.getBytes(StandardCharsets.UTF_8));
  }
}
