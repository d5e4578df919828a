package dev.osprey.cli;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.DownloadFileRequest;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.PutObjectRequest;
import com.aliyun.oss.model.UploadFileRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Moves one file or object. Above the big-file threshold, uploads and downloads go in parts, {@code
 * parallel} at a time, and record finished parts in a checkpoint file: a run that was interrupted
 * resumes where it stopped when started again with the same source and destination (the SDK's
 * resumable upload and download; the checkpoint is deleted once the transfer completes).
 */
final class Transfer {
  /** How big transfers are cut. */
  record Tuning(long threshold, long partSize, int parallel, Path checkpointDir) {}

  private final OSS oss;
  private final Tuning tuning;

  Transfer(OSS oss, Tuning tuning) {
    this.oss = oss;
    this.tuning = tuning;
  }

  void upload(Path file, OssUri to) throws IOException {
    long size = Files.size(file);
    Progress bar = Progress.of(to.toString(), size);
    if (size < tuning.threshold()) {
      PutObjectRequest req = new PutObjectRequest(to.bucket(), to.key(), file.toFile());
      req.setProgressListener(bar);
      oss.putObject(req);
      return;
    }
    UploadFileRequest req = new UploadFileRequest(to.bucket(), to.key());
    req.setUploadFile(file.toString());
    req.setPartSize(tuning.partSize());
    req.setTaskNum(tuning.parallel());
    req.setEnableCheckpoint(true);
    req.setCheckpointFile(checkpoint(file.toAbsolutePath() + " -> " + to, "ucp"));
    req.setProgressListener(bar);
    run(() -> oss.uploadFile(req));
  }

  void download(OssUri from, Path file, long size) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Progress bar = Progress.of(from.toString(), size);
    if (size < tuning.threshold()) {
      GetObjectRequest req = new GetObjectRequest(from.bucket(), from.key());
      req.setProgressListener(bar);
      oss.getObject(req, file.toFile());
      return;
    }
    DownloadFileRequest req = new DownloadFileRequest(from.bucket(), from.key());
    req.setDownloadFile(file.toString());
    req.setPartSize(tuning.partSize());
    req.setTaskNum(tuning.parallel());
    req.setEnableCheckpoint(true);
    req.setCheckpointFile(checkpoint(from + " -> " + file.toAbsolutePath(), "dcp"));
    req.setProgressListener(bar);
    run(() -> oss.downloadFile(req));
  }

  void copy(OssUri from, OssUri to) {
    oss.copyObject(from.bucket(), from.key(), to.bucket(), to.key());
  }

  /** The checkpoint file of one transfer, named after what it moves so a rerun finds it. */
  private String checkpoint(String what, String ext) throws IOException {
    Files.createDirectories(tuning.checkpointDir());
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(what.getBytes(StandardCharsets.UTF_8));
      return tuning
          .checkpointDir()
          .resolve(HexFormat.of().formatHex(h, 0, 16) + "." + ext)
          .toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private interface SdkCall {
    void run() throws Throwable;
  }

  /** The SDK's resumable calls declare Throwable; keep errors as they are, wrap the rest. */
  private static void run(SdkCall call) throws IOException {
    try {
      call.run();
    } catch (RuntimeException | Error | IOException e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException(t.getMessage(), t);
    }
  }
}
