package dev.osprey.server.handler;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.op.BucketOperation;
import dev.osprey.protocol.op.ObjectOperation;
import dev.osprey.protocol.op.OssOperation;
import dev.osprey.protocol.op.ServiceOperation;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.api.RequestContext;
import dev.osprey.server.callback.UploadCallbacks;
import dev.osprey.server.tail.TailWaiters;
import dev.osprey.storage.ObjectService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Hands each operation to its handler method: one exhaustive switch over the sealed operation
 * types.
 */
public final class Dispatcher {
  private final ServiceHandler service;
  private final BucketHandler buckets;
  private final ListHandler lists;
  private final ObjectHandler objects;
  private final AppendHandler appends;
  private final TaggingHandler tagging;
  private final ObjectAclHandler objectAcl;
  private final MultipartHandler multipart;
  private final CopyHandler copies;
  private final BucketPolicyHandler bucketPolicy;
  private final SymlinkHandler symlinks;
  private final VersioningHandler versioning;
  private final LifecycleHandler lifecycle;
  private final CorsHandler cors;
  private final RefererHandler referer;
  private final BucketStatHandler stat;
  private final PostObjectHandler postObject;
  private final BucketConfigHandler configs;
  private final CnameHandler cnames;
  private final WebsiteReads website;
  private final TailHandler tails;
  private final RestoreHandler restores;

  /**
   * What the handlers are tuned with beyond storage.
   *
   * @param restoreDelay how long a RestoreObject takes before the object is readable
   * @param callbacks runs the upload callbacks of PutObject, the append that creates an object,
   *     CompleteMultipartUpload and PostObject
   */
  public record Settings(java.time.Duration restoreDelay, UploadCallbacks callbacks) {}

  private Dispatcher(
      ObjectService storage,
      BucketViews views,
      BucketServices services,
      TailHandler tails,
      Settings settings) {
    this.service = new ServiceHandler(storage, views);
    this.buckets = new BucketHandler(storage, views);
    this.lists = new ListHandler(storage, views);
    this.objects = new ObjectHandler(storage, settings.callbacks());
    this.appends = new AppendHandler(storage, settings.callbacks());
    this.tagging = new TaggingHandler(storage);
    this.objectAcl = new ObjectAclHandler(storage, views);
    this.multipart = new MultipartHandler(storage, settings.callbacks());
    this.copies = new CopyHandler(storage);
    this.bucketPolicy = new BucketPolicyHandler(storage);
    this.symlinks = new SymlinkHandler(storage);
    this.versioning = new VersioningHandler(storage, views);
    this.lifecycle = new LifecycleHandler(storage);
    this.cors = new CorsHandler(storage);
    this.referer = new RefererHandler(storage);
    this.stat = new BucketStatHandler(storage);
    this.postObject = new PostObjectHandler(storage, settings.callbacks());
    this.configs = new BucketConfigHandler(storage, services.loggingChanged());
    this.cnames = new CnameHandler(storage, services.cnames(), views);
    this.website = new WebsiteReads(storage, objects);
    this.tails = tails;
    this.restores = new RestoreHandler(storage, settings.restoreDelay());
  }

  /**
   * What bucket sub-resources share with the rest of the server.
   *
   * @param cnames the custom domains the router also reads
   * @param loggingChanged told the bucket whose logging configuration changed
   */
  public record BucketServices(CnameTable cnames, Consumer<String> loggingChanged) {}

  /**
   * @param tailWaiters where live tail reads wait, woken by storage's commits
   * @param workers where a woken tail read looks at its object again
   * @param settings restore delay and upload callbacks
   */
  public static Dispatcher create(
      String region,
      String accountId,
      ObjectService storage,
      BucketServices services,
      TailWaiters tailWaiters,
      Executor workers,
      Settings settings) {
    return new Dispatcher(
        storage,
        new BucketViews(region, accountId),
        services,
        new TailHandler(storage, tailWaiters, workers),
        settings);
  }

  /**
   * As {@link #dispatch}, except that an AppendObject may complete later, on the thread that
   * completes its group commit, and a live tail read (a GetObject with {@code x-osprey-tail}) when
   * its object grows; everything else is answered before this returns.
   */
  public CompletableFuture<OssResponse> dispatchAsync(RequestContext ctx) {
    if (ctx.routed().operation() instanceof ObjectOperation.AppendObject o) {
      return appends.appendObjectAsync(ctx, o);
    }
    if (ctx.routed().operation() instanceof ObjectOperation.GetObject g && g.tail() != null) {
      return tails.tail(ctx, g);
    }
    return CompletableFuture.completedFuture(dispatch(ctx));
  }

  public OssResponse dispatch(RequestContext ctx) {
    OssOperation op = ctx.routed().operation();
    return switch (op) {
      case ServiceOperation s -> service(ctx, s);
      case BucketOperation b -> bucket(ctx, b);
      case ObjectOperation o -> object(ctx, o);
    };
  }

  private OssResponse service(RequestContext ctx, ServiceOperation op) {
    return switch (op) {
      case ServiceOperation.ListBuckets o -> service.listBuckets(ctx, o);
    };
  }

  private OssResponse bucket(RequestContext ctx, BucketOperation op) {
    return switch (op) {
      case BucketOperation.PutBucket o -> buckets.putBucket(ctx, o);
      case BucketOperation.DeleteBucket o -> {
        OssResponse r = buckets.deleteBucket(ctx, o);
        cnames.bucketDeleted(o.bucket());
        yield r;
      }
      case BucketOperation.GetBucketInfo o -> buckets.getBucketInfo(ctx, o);
      case BucketOperation.GetBucketLocation o -> buckets.getBucketLocation(ctx, o);
      case BucketOperation.GetBucketAcl o -> buckets.getBucketAcl(ctx, o);
      case BucketOperation.PutBucketAcl o -> buckets.putBucketAcl(ctx, o);
      case BucketOperation.ListObjects o ->
          website.listObjects(ctx, o, () -> lists.listObjects(ctx, o));
      case BucketOperation.ListObjectsV2 o -> lists.listObjectsV2(ctx, o);
      case BucketOperation.DeleteMultipleObjects o -> lists.deleteMultipleObjects(ctx, o);
      case BucketOperation.ListMultipartUploads o -> multipart.listUploads(ctx, o);
      case BucketOperation.PutBucketPolicy o -> bucketPolicy.putBucketPolicy(ctx, o);
      case BucketOperation.GetBucketPolicy o -> bucketPolicy.getBucketPolicy(ctx, o);
      case BucketOperation.DeleteBucketPolicy o -> bucketPolicy.deleteBucketPolicy(ctx, o);
      case BucketOperation.PutBucketLifecycle o -> lifecycle.putBucketLifecycle(ctx, o);
      case BucketOperation.GetBucketLifecycle o -> lifecycle.getBucketLifecycle(ctx, o);
      case BucketOperation.DeleteBucketLifecycle o -> lifecycle.deleteBucketLifecycle(ctx, o);
      case BucketOperation.PutBucketVersioning o -> versioning.putBucketVersioning(ctx, o);
      case BucketOperation.GetBucketVersioning o -> versioning.getBucketVersioning(ctx, o);
      case BucketOperation.ListObjectVersions o -> versioning.listObjectVersions(ctx, o);
      case BucketOperation.PutBucketCors o -> cors.putBucketCors(ctx, o);
      case BucketOperation.GetBucketCors o -> cors.getBucketCors(ctx, o);
      case BucketOperation.DeleteBucketCors o -> cors.deleteBucketCors(ctx, o);
      case BucketOperation.Options o -> cors.options(ctx, o);
      case BucketOperation.PutBucketReferer o -> referer.putBucketReferer(ctx, o);
      case BucketOperation.GetBucketReferer o -> referer.getBucketReferer(ctx, o);
      case BucketOperation.PutBucketTags o -> tagging.putBucketTags(ctx, o);
      case BucketOperation.GetBucketTags o -> tagging.getBucketTags(ctx, o);
      case BucketOperation.DeleteBucketTags o -> tagging.deleteBucketTags(ctx, o);
      case BucketOperation.GetBucketStat o -> stat.getBucketStat(ctx, o);
      case BucketOperation.PostObject o -> postObject.postObject(ctx, o);
      case BucketOperation.PutBucketWebsite o -> configs.putBucketWebsite(ctx, o);
      case BucketOperation.GetBucketWebsite o -> configs.getBucketWebsite(ctx, o);
      case BucketOperation.DeleteBucketWebsite o -> configs.deleteBucketWebsite(ctx, o);
      case BucketOperation.PutBucketLogging o -> configs.putBucketLogging(ctx, o);
      case BucketOperation.GetBucketLogging o -> configs.getBucketLogging(ctx, o);
      case BucketOperation.DeleteBucketLogging o -> configs.deleteBucketLogging(ctx, o);
      case BucketOperation.PutBucketResourceGroup o -> configs.putBucketResourceGroup(ctx, o);
      case BucketOperation.GetBucketResourceGroup o -> configs.getBucketResourceGroup(ctx, o);
      case BucketOperation.PutCname o -> cnames.putCname(ctx, o);
      case BucketOperation.ListCname o -> cnames.listCname(ctx, o);
      case BucketOperation.DeleteCname o -> cnames.deleteCname(ctx, o);
      case BucketOperation.UnsupportedBucketOperation o -> notImplemented(o.subresource());
    };
  }

  private OssResponse object(RequestContext ctx, ObjectOperation op) {
    return switch (op) {
      case ObjectOperation.PutObject o -> objects.putObject(ctx, o);
      case ObjectOperation.GetObject o -> website.getObject(ctx, o);
      case ObjectOperation.HeadObject o -> objects.headObject(ctx, o);
      case ObjectOperation.GetObjectMeta o -> objects.getObjectMeta(ctx, o);
      case ObjectOperation.PutSymlink o -> symlinks.putSymlink(ctx, o);
      case ObjectOperation.GetSymlink o -> symlinks.getSymlink(ctx, o);
      case ObjectOperation.DeleteObject o -> objects.deleteObject(ctx, o);
      case ObjectOperation.AppendObject o -> appends.appendObject(ctx, o);
      case ObjectOperation.SealAppendObject o -> appends.sealAppendObject(ctx, o);
      case ObjectOperation.RestoreObject o -> restores.restoreObject(ctx, o);
      case ObjectOperation.PutObjectTagging o -> tagging.putObjectTagging(ctx, o);
      case ObjectOperation.GetObjectTagging o -> tagging.getObjectTagging(ctx, o);
      case ObjectOperation.DeleteObjectTagging o -> tagging.deleteObjectTagging(ctx, o);
      case ObjectOperation.PutObjectAcl o -> objectAcl.putObjectAcl(ctx, o);
      case ObjectOperation.GetObjectAcl o -> objectAcl.getObjectAcl(ctx, o);
      case ObjectOperation.CopyObject o -> copies.copyObject(ctx, o);
      case ObjectOperation.InitiateMultipartUpload o -> multipart.initiate(ctx, o);
      case ObjectOperation.UploadPart o -> multipart.uploadPart(ctx, o);
      case ObjectOperation.CompleteMultipartUpload o -> multipart.complete(ctx, o);
      case ObjectOperation.AbortMultipartUpload o -> multipart.abort(ctx, o);
      case ObjectOperation.ListParts o -> multipart.listParts(ctx, o);
      case ObjectOperation.UnsupportedObjectOperation o -> notImplemented(o.subresource());
    };
  }

  private static OssResponse notImplemented(String what) {
    String name = what == null || what.isEmpty() ? "This operation" : "'" + what + "'";
    throw OssException.of(
        OssErrorCode.NOT_IMPLEMENTED, name + " is not implemented by Osprey yet.");
  }
}
