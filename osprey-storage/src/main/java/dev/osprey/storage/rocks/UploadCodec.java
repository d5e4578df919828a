package dev.osprey.storage.rocks;

import dev.osprey.protocol.ObjectType;
import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.PartRecord;
import dev.osprey.storage.StorageException;
import dev.osprey.storage.UploadRecord;
import java.time.Instant;

/**
 * Binary values of upload and part records. An upload is stored as the object record it will become
 * (type Multipart, no bytes yet, Last-Modified = initiation time), so its attributes share the
 * object format and its versioning. A part has its own small format, first byte the version.
 */
public final class UploadCodec {
  static final int PART_VERSION_1 = 1;

  private UploadCodec() {}

  public static byte[] encodeUpload(UploadRecord u) {
    return RecordCodec.encodeObject(
        new ObjectRecord(
            u.bucket(),
            u.key(),
            ObjectType.MULTIPART,
            0,
            0,
            "",
            null,
            u.initiated(),
            u.attributes(),
            null,
            null));
  }

  public static UploadRecord decodeUpload(
      String bucket, String key, String uploadId, byte[] value) {
    ObjectRecord o = RecordCodec.decodeObject(bucket, key, value);
    return new UploadRecord(bucket, key, uploadId, o.lastModified(), o.attributes());
  }

  public static byte[] encodePart(PartRecord p) {
    return new ValueWriter()
        .writeByte(PART_VERSION_1)
        .writeVarLong(p.size())
        .writeFixedLong(p.crc64())
        .writeString(p.etag())
        .writeSignedVarLong(p.lastModified().toEpochMilli())
        .writeString(p.blobId())
        .toByteArray();
  }

  public static PartRecord decodePart(String uploadId, int partNumber, byte[] value) {
    ValueReader in = new ValueReader(value);
    int version = in.readByte();
    if (version != PART_VERSION_1) {
      throw new StorageException("unknown part record format version " + version);
    }
    long size = in.readVarLong();
    long crc = in.readFixedLong();
    String etag = in.readString();
    Instant lastModified = Instant.ofEpochMilli(in.readSignedVarLong());
    PartRecord p =
        new PartRecord(uploadId, partNumber, size, etag, crc, lastModified, in.readString());
    in.expectEnd();
    return p;
  }
}
