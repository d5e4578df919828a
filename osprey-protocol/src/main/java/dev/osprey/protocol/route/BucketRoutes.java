package dev.osprey.protocol.route;

import dev.osprey.protocol.BucketNames;
import dev.osprey.protocol.op.BucketOperation;
import dev.osprey.protocol.op.BucketOperation.DeleteBucket;
import dev.osprey.protocol.op.BucketOperation.DeleteMultipleObjects;
import dev.osprey.protocol.op.BucketOperation.GetBucketAcl;
import dev.osprey.protocol.op.BucketOperation.GetBucketInfo;
import dev.osprey.protocol.op.BucketOperation.GetBucketLocation;
import dev.osprey.protocol.op.BucketOperation.ListMultipartUploads;
import dev.osprey.protocol.op.BucketOperation.ListObjects;
import dev.osprey.protocol.op.BucketOperation.ListObjectsV2;
import dev.osprey.protocol.op.BucketOperation.PutBucket;
import dev.osprey.protocol.op.BucketOperation.PutBucketAcl;
import dev.osprey.protocol.op.BucketOperation.UnsupportedBucketOperation;

/** Requests addressed to a bucket: method + sub-resource → operation (spec §3.4–§3.7). */
final class BucketRoutes {
  private BucketRoutes() {}

  static BucketOperation select(String method, String bucket, QueryArguments args) {
    String sub =
        SubResources.pick(
            args.query(), SubResources.BUCKET_IMPLEMENTED, SubResources.BUCKET_UNSUPPORTED);
    if (sub == null) {
      return plain(method, bucket, args);
    }
    if (SubResources.BUCKET_UNSUPPORTED.contains(sub)) {
      return new UnsupportedBucketOperation(bucket, method, sub);
    }
    BucketOperation op =
        switch (sub + " " + method) {
          case "acl GET" -> new GetBucketAcl(bucket);
          case "acl PUT" -> new PutBucketAcl(bucket);
          case "location GET" -> new GetBucketLocation(bucket);
          case "bucketInfo GET" -> new GetBucketInfo(bucket);
          case "uploads GET" -> listUploads(bucket, args);
          case "delete POST" -> new DeleteMultipleObjects(bucket, args.urlEncoding());
          case "policy PUT" -> new BucketOperation.PutBucketPolicy(bucket);
          case "policy GET" -> new BucketOperation.GetBucketPolicy(bucket);
          case "policy DELETE" -> new BucketOperation.DeleteBucketPolicy(bucket);
          case "lifecycle PUT" -> new BucketOperation.PutBucketLifecycle(bucket);
          case "lifecycle GET" -> new BucketOperation.GetBucketLifecycle(bucket);
          case "lifecycle DELETE" -> new BucketOperation.DeleteBucketLifecycle(bucket);
          case "versioning PUT" -> new BucketOperation.PutBucketVersioning(bucket);
          case "versioning GET" -> new BucketOperation.GetBucketVersioning(bucket);
          case "versions GET" -> listVersions(bucket, args);
          case "cors PUT" -> new BucketOperation.PutBucketCors(bucket);
          case "cors GET" -> new BucketOperation.GetBucketCors(bucket);
          case "cors DELETE" -> new BucketOperation.DeleteBucketCors(bucket);
          case "referer PUT" -> new BucketOperation.PutBucketReferer(bucket);
          case "referer GET" -> new BucketOperation.GetBucketReferer(bucket);
          case "tagging PUT" -> new BucketOperation.PutBucketTags(bucket);
          case "tagging GET" -> new BucketOperation.GetBucketTags(bucket);
          case "tagging DELETE" -> new BucketOperation.DeleteBucketTags(bucket);
          case "stat GET" -> new BucketOperation.GetBucketStat(bucket);
          case "website PUT" -> new BucketOperation.PutBucketWebsite(bucket);
          case "website GET" -> new BucketOperation.GetBucketWebsite(bucket);
          case "website DELETE" -> new BucketOperation.DeleteBucketWebsite(bucket);
          case "logging PUT" -> new BucketOperation.PutBucketLogging(bucket);
          case "logging GET" -> new BucketOperation.GetBucketLogging(bucket);
          case "logging DELETE" -> new BucketOperation.DeleteBucketLogging(bucket);
          case "resourceGroup PUT" -> new BucketOperation.PutBucketResourceGroup(bucket);
          case "resourceGroup GET" -> new BucketOperation.GetBucketResourceGroup(bucket);
          case "cname GET" -> new BucketOperation.ListCname(bucket);
          case "cname POST" -> cname(bucket, args);
          default -> null;
        };
    if (op == null) {
      throw MethodNotAllowed.of(method, MethodNotAllowed.BUCKET);
    }
    return op;
  }

  /**
   * {@code POST /?cname&comp=add} binds a domain, {@code comp=delete} unbinds it; the other {@code
   * comp} values (token, certificate) are not implemented.
   */
  private static BucketOperation cname(String bucket, QueryArguments args) {
    String comp = args.string("comp");
    if ("add".equals(comp)) {
      return new BucketOperation.PutCname(bucket);
    }
    if ("delete".equals(comp)) {
      return new BucketOperation.DeleteCname(bucket);
    }
    return new UnsupportedBucketOperation(bucket, "POST", "cname");
  }

  private static BucketOperation plain(String method, String bucket, QueryArguments args) {
    return switch (method) {
      case "GET" -> args.listTypeV2() ? listV2(bucket, args) : listV1(bucket, args);
      case "PUT" -> {
        BucketNames.validateForCreate(bucket);
        yield new PutBucket(bucket);
      }
      case "DELETE" -> new DeleteBucket(bucket);
      // A form upload (PostObject) is a POST to the bucket with no sub-resource.
      case "POST" -> new BucketOperation.PostObject(bucket);
      default -> throw MethodNotAllowed.of(method, MethodNotAllowed.BUCKET);
    };
  }

  private static ListObjects listV1(String bucket, QueryArguments args) {
    return new ListObjects(
        bucket,
        args.listingArgument("prefix"),
        args.listingArgument("delimiter"),
        args.listingArgument("marker"),
        args.maxKeys(),
        args.urlEncoding());
  }

  private static ListObjectsV2 listV2(String bucket, QueryArguments args) {
    return new ListObjectsV2(
        bucket,
        args.listingArgument("prefix"),
        args.listingArgument("delimiter"),
        args.listingArgument("start-after"),
        args.string("continuation-token"),
        args.maxKeys(),
        args.urlEncoding(),
        args.fetchOwner());
  }

  private static BucketOperation.ListObjectVersions listVersions(
      String bucket, QueryArguments args) {
    return new BucketOperation.ListObjectVersions(
        bucket,
        args.listingArgument("prefix"),
        args.listingArgument("delimiter"),
        args.listingArgument("key-marker"),
        args.string("version-id-marker"),
        args.maxKeys(),
        args.urlEncoding());
  }

  private static ListMultipartUploads listUploads(String bucket, QueryArguments args) {
    args.urlEncoding();
    return new ListMultipartUploads(bucket);
  }
}
