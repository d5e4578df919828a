package dev.osprey.server.handler;

import dev.osprey.protocol.Limits;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.op.BucketOperation.DeleteCname;
import dev.osprey.protocol.op.BucketOperation.ListCname;
import dev.osprey.protocol.op.BucketOperation.PutCname;
import dev.osprey.protocol.xml.CnameBindings;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.api.RequestContext;
import dev.osprey.storage.ObjectService;

/**
 * Custom domains (docs/website.md): PutCname, ListCname, DeleteCname. Osprey binds a domain on
 * request, without OSS's proof of ownership (CreateCnameToken and its DNS TXT record), since
 * whoever runs the server decides which names point at it.
 */
final class CnameHandler {
  private final ObjectService storage;
  private final CnameTable table;
  private final BucketViews views;

  CnameHandler(ObjectService storage, CnameTable table, BucketViews views) {
    this.storage = storage;
    this.table = table;
    this.views = views;
  }

  /**
   * <a href="https://www.alibabacloud.com/help/en/oss/developer-reference/putcname">PutCname</a>:
   * {@code CnameAlreadyExists} (409) when another bucket has the domain; binding it again to the
   * same bucket is a success.
   */
  OssResponse putCname(RequestContext ctx, PutCname op) {
    storage.getBucket(op.bucket());
    String domain = CnameBindings.requestedDomain(body(ctx));
    table.bind(op.bucket(), domain, ctx.received());
    return OssResponse.ok();
  }

  /**
   * <a href="https://www.alibabacloud.com/help/en/oss/developer-reference/listcname">ListCname</a>:
   * the command line's bindings and PutCname's, all {@code Enabled}.
   */
  OssResponse listCname(RequestContext ctx, ListCname op) {
    return OssResponse.xml(table.list(op.bucket()).toListXml(op.bucket(), views.accountId()));
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/deletecname">DeleteCname</a>:
   * 200 whether or not the domain was bound; a command-line binding stays.
   */
  OssResponse deleteCname(RequestContext ctx, DeleteCname op) {
    storage.getBucket(op.bucket());
    table.unbind(op.bucket(), CnameBindings.requestedDomain(body(ctx)));
    return OssResponse.ok();
  }

  private static byte[] body(RequestContext ctx) {
    return ctx.readSmallBody(Limits.XML_BODY_BYTES, OssErrorCode.MALFORMED_XML);
  }

  /** The bucket is gone: its domains no longer address anything. */
  void bucketDeleted(String bucket) {
    table.bucketDeleted(bucket);
  }
}
