package dev.osprey.storage;

import dev.osprey.protocol.CannedAcl;
import java.util.List;

/**
 * A CompleteMultipartUpload as the storage layer sees it (spec §3.8).
 *
 * @param parts the parts named by the request body, in the order given; null with {@code
 *     x-oss-complete-all: yes} (every uploaded part, in number order)
 * @param acl {@code x-oss-object-acl} sent with the request, overriding the one given at
 *     initiation; null when absent
 * @param forbidOverwrite {@code x-oss-forbid-overwrite: true}: FileAlreadyExists if the key exists
 */
public record CompleteUploadCommand(
    String bucket,
    String key,
    String uploadId,
    List<CompletedPart> parts,
    CannedAcl acl,
    boolean forbidOverwrite) {

  /** One {@code <Part>} of the request body; {@code etag} as sent (quotes allowed). */
  public record CompletedPart(int partNumber, String etag) {}

  public CompleteUploadCommand {
    parts = parts == null ? null : List.copyOf(parts);
  }
}
