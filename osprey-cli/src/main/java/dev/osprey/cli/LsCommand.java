package dev.osprey.cli;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.Bucket;
import com.aliyun.oss.model.ListObjectsV2Request;
import com.aliyun.oss.model.ListObjectsV2Result;
import com.aliyun.oss.model.OSSObjectSummary;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code osprey ls [oss://bucket[/prefix]] [-r] [--limit N]}: lists buckets, or the objects under a
 * prefix with their size, type and storage class. Without {@code -r} it shows one level, with the
 * common prefixes ("directories") as {@code DIR} rows.
 */
@Command(
    name = "ls",
    mixinStandardHelpOptions = true,
    description = "Lists buckets, or the objects of a bucket under a prefix.")
final class LsCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "oss://BUCKET[/PREFIX]")
  String target;

  @Option(
      names = {"-r", "--recursive"},
      description = "List every object under the prefix, not one level.")
  boolean recursive;

  @Option(
      names = {"--limit", "--limited-num"},
      paramLabel = "N",
      description = "Show at most N entries.")
  long limit;

  @Mixin ClientOptions client;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Output out = new Output(spec, client);
    OSS oss = client.connect();
    try {
      if (target == null) {
        listBuckets(oss, out);
      } else {
        listObjects(oss, OssUri.parseLocation(target), out);
      }
      return ExitCodes.OK;
    } finally {
      oss.shutdown();
    }
  }

  private void listBuckets(OSS oss, Output out) {
    List<Map<String, Object>> rows = new ArrayList<>();
    out.text(
        String.format(
            "%-26s  %-12s  %-12s  %s", "CreationTime", "Region", "StorageClass", "BucketName"));
    for (Bucket b : oss.listBuckets()) {
      if (limit > 0 && rows.size() >= limit) {
        break;
      }
      String storage = b.getStorageClass() == null ? "Standard" : b.getStorageClass().toString();
      out.text(
          String.format(
              "%-26s  %-12s  %-12s  oss://%s",
              time(b.getCreationDate()), b.getRegion(), storage, b.getName()));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", b.getName());
      row.put("creationTime", time(b.getCreationDate()));
      row.put("region", b.getRegion());
      row.put("storageClass", storage);
      rows.add(row);
    }
    out.text("");
    out.text("Bucket Number is: " + rows.size());
    out.document(Map.of("buckets", rows));
  }

  private void listObjects(OSS oss, OssUri where, Output out) {
    List<Map<String, Object>> rows = new ArrayList<>();
    out.text(
        String.format(
            "%-26s  %12s  %-10s  %-12s  %-34s  %s",
            "LastModifiedTime", "Size(B)", "Type", "StorageClass", "ETAG", "ObjectName"));
    String token = null;
    do {
      ListObjectsV2Request req = new ListObjectsV2Request(where.bucket());
      req.setPrefix(where.key());
      req.setDelimiter(recursive ? null : "/");
      req.setMaxKeys(Listing.PAGE);
      req.setContinuationToken(token);
      ListObjectsV2Result page = oss.listObjectsV2(req);
      for (String dir : page.getCommonPrefixes()) {
        if (full(rows)) {
          break;
        }
        out.text(
            String.format(
                "%-26s  %12s  %-10s  %-12s  %-34s  %s", "", "", "DIR", "", "", where.withKey(dir)));
        rows.add(Map.of("key", dir, "type", "DIR"));
      }
      for (OSSObjectSummary s : page.getObjectSummaries()) {
        if (full(rows)) {
          break;
        }
        out.text(
            String.format(
                "%-26s  %12d  %-10s  %-12s  %-34s  %s",
                time(s.getLastModified()),
                s.getSize(),
                s.getType(),
                s.getStorageClass(),
                s.getETag(),
                where.withKey(s.getKey())));
        rows.add(row(s));
      }
      token = page.isTruncated() && !full(rows) ? page.getNextContinuationToken() : null;
    } while (token != null);
    out.text("");
    out.text("Object Number is: " + rows.size());
    out.document(Map.of("bucket", where.bucket(), "prefix", where.key(), "objects", rows));
  }

  private boolean full(List<?> rows) {
    return limit > 0 && rows.size() >= limit;
  }

  private static Map<String, Object> row(OSSObjectSummary s) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("key", s.getKey());
    row.put("size", s.getSize());
    row.put("type", s.getType());
    row.put("storageClass", s.getStorageClass());
    row.put("etag", s.getETag());
    row.put("lastModified", time(s.getLastModified()));
    return row;
  }

  static String time(Date d) {
    if (d == null) {
      return "";
    }
    SimpleDateFormat f = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");
    f.setTimeZone(TimeZone.getTimeZone("UTC"));
    return f.format(d);
  }
}
