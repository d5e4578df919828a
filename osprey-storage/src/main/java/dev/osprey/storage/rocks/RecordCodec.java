package dev.osprey.storage.rocks;

import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.ObjectType;
import dev.osprey.protocol.StorageClass;
import dev.osprey.storage.BucketRecord;
import dev.osprey.storage.ObjectAttributes;
import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.ObjectVersion;
import dev.osprey.storage.StorageException;
import dev.osprey.storage.Versioning;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.TreeMap;

/**
 * Binary values of bucket and object records. The first byte is the format version so that a later
 * format can be read next to this one without a migration: format 1 is every record of a bucket
 * never versioned (exactly as written before versioning existed), format 2 an object record that
 * carries its version (sequence, null id, delete marker). Names (bucket, key) are not repeated:
 * they live in the RocksDB key. Enums are stored as explicit byte codes, never ordinals, so
 * reordering an enum cannot corrupt stored data.
 */
final class RecordCodec {
  static final int VERSION_1 = 1;
  static final int VERSION_2 = 2;
  private static final int NULL_ID = 1;
  private static final int DELETE_MARKER = 2;

  private RecordCodec() {}

  static byte[] encodeBucket(BucketRecord b) {
    ValueWriter out = new ValueWriter();
    out.writeByte(VERSION_1)
        .writeSignedVarLong(b.created().toEpochMilli())
        .writeString(b.owner())
        .writeByte(aclCode(b.acl()))
        .writeByte(storageClassCode(b.storageClass()))
        .writeString(b.dataRedundancyType());
    TreeMap<String, String> others = new TreeMap<>(b.configs());
    String lifecycle = others.remove(BucketRecord.LIFECYCLE);
    if (b.versioning().versioned() || !b.configs().isEmpty()) {
      // trailing fields: records of buckets with none of them end right before them; the
      // lifecycle document came first (alone), the other configurations follow as one map
      out.writeByte(versioningCode(b.versioning()));
      if (lifecycle != null || !others.isEmpty()) {
        out.writeString(lifecycle); // null when only the others exist
      }
      if (!others.isEmpty()) {
        out.writeMap(others);
      }
    }
    return out.toByteArray();
  }

  static BucketRecord decodeBucket(String name, byte[] value) {
    ValueReader in = new ValueReader(value);
    checkVersion(in.readByte());
    Instant created = Instant.ofEpochMilli(in.readSignedVarLong());
    String owner = in.readString();
    CannedAcl acl = acl(in.readByte());
    StorageClass storageClass = storageClass(in.readByte());
    String redundancy = in.readString();
    Versioning versioning = in.atEnd() ? Versioning.UNVERSIONED : versioning(in.readByte());
    TreeMap<String, String> configs = new TreeMap<>();
    if (!in.atEnd()) {
      String lifecycle = in.readString();
      if (lifecycle != null) {
        configs.put(BucketRecord.LIFECYCLE, lifecycle);
      }
    }
    if (!in.atEnd()) {
      in.readMap(configs);
    }
    BucketRecord b =
        new BucketRecord(name, created, owner, acl, storageClass, redundancy, versioning, configs);
    in.expectEnd();
    return b;
  }

  static byte[] encodeObject(ObjectRecord o) {
    boolean versioned = !o.version().equals(ObjectVersion.UNVERSIONED);
    ValueWriter out =
        new ValueWriter()
            .writeByte(versioned ? VERSION_2 : VERSION_1)
            .writeByte(typeCode(o.type()))
            .writeVarLong(o.size())
            .writeFixedLong(o.crc64())
            .writeString(o.etag())
            .writeString(o.contentMd5())
            .writeSignedVarLong(o.lastModified().toEpochMilli());
    ObjectAttributes a = o.attributes();
    out.writeString(a.contentType())
        .writeString(a.cacheControl())
        .writeString(a.contentDisposition())
        .writeString(a.contentEncoding())
        .writeString(a.contentLanguage())
        .writeString(a.expires())
        .writeMap(a.userMetadata())
        .writeByte(aclCode(a.acl()))
        .writeByte(storageClassCode(a.storageClass()))
        .writeMap(a.tags())
        .writeString(o.blobId());
    if (o.sealedTime() == null) {
      out.writeByte(0);
    } else {
      out.writeByte(1).writeSignedVarLong(o.sealedTime().toEpochMilli());
    }
    if (versioned) {
      ObjectVersion v = o.version();
      out.writeString(o.symlinkTarget())
          .writeVarLong(v.sequence())
          .writeByte((v.nullId() ? NULL_ID : 0) | (v.deleteMarker() ? DELETE_MARKER : 0));
    } else if (o.symlinkTarget() != null) {
      // a trailing field: records written before symlinks end right before it
      out.writeString(o.symlinkTarget());
    }
    return out.toByteArray();
  }

  static ObjectRecord decodeObject(String bucket, String key, byte[] value) {
    ValueReader in = new ValueReader(value);
    int format = in.readByte();
    if (format != VERSION_1 && format != VERSION_2) {
      throw new StorageException("unknown record format version " + format);
    }
    ObjectType type = type(in.readByte());
    long size = in.readVarLong();
    long crc = in.readFixedLong();
    String etag = in.readString();
    String contentMd5 = in.readString();
    Instant lastModified = Instant.ofEpochMilli(in.readSignedVarLong());
    ObjectAttributes attributes =
        new ObjectAttributes(
            in.readString(),
            in.readString(),
            in.readString(),
            in.readString(),
            in.readString(),
            in.readString(),
            in.readMap(new TreeMap<>()),
            acl(in.readByte()),
            storageClass(in.readByte()),
            in.readMap(new LinkedHashMap<>()));
    String blobId = in.readString();
    Instant sealed = in.readByte() == 0 ? null : Instant.ofEpochMilli(in.readSignedVarLong());
    String symlinkTarget;
    ObjectVersion version = ObjectVersion.UNVERSIONED;
    if (format == VERSION_2) {
      symlinkTarget = in.readString();
      long sequence = in.readVarLong();
      int flags = in.readByte();
      version = new ObjectVersion(sequence, (flags & NULL_ID) != 0, (flags & DELETE_MARKER) != 0);
    } else {
      // records written before symlinks end here; a present target is never empty
      boolean hasTarget = !in.atEnd();
      symlinkTarget = hasTarget ? in.readString() : null;
      if (hasTarget && symlinkTarget == null) {
        throw new StorageException("corrupt record: empty trailing symlink target");
      }
    }
    in.expectEnd();
    return new ObjectRecord(
        bucket,
        key,
        type,
        size,
        crc,
        etag,
        contentMd5,
        lastModified,
        attributes,
        blobId,
        sealed,
        symlinkTarget,
        version);
  }

  private static void checkVersion(int version) {
    if (version != VERSION_1) {
      throw new StorageException("unknown record format version " + version);
    }
  }

  private static int versioningCode(Versioning v) {
    return switch (v) {
      case UNVERSIONED -> 0;
      case ENABLED -> 1;
      case SUSPENDED -> 2;
    };
  }

  private static Versioning versioning(int code) {
    return switch (code) {
      case 0 -> Versioning.UNVERSIONED;
      case 1 -> Versioning.ENABLED;
      case 2 -> Versioning.SUSPENDED;
      default -> throw new StorageException("unknown versioning code " + code);
    };
  }

  private static int typeCode(ObjectType t) {
    return switch (t) {
      case NORMAL -> 1;
      case APPENDABLE -> 2;
      case MULTIPART -> 3;
      case SYMLINK -> 4;
    };
  }

  private static ObjectType type(int code) {
    return switch (code) {
      case 1 -> ObjectType.NORMAL;
      case 2 -> ObjectType.APPENDABLE;
      case 3 -> ObjectType.MULTIPART;
      case 4 -> ObjectType.SYMLINK;
      default -> throw new StorageException("unknown object type code " + code);
    };
  }

  private static int aclCode(CannedAcl acl) {
    return switch (acl) {
      case DEFAULT -> 0;
      case PRIVATE -> 1;
      case PUBLIC_READ -> 2;
      case PUBLIC_READ_WRITE -> 3;
    };
  }

  private static CannedAcl acl(int code) {
    return switch (code) {
      case 0 -> CannedAcl.DEFAULT;
      case 1 -> CannedAcl.PRIVATE;
      case 2 -> CannedAcl.PUBLIC_READ;
      case 3 -> CannedAcl.PUBLIC_READ_WRITE;
      default -> throw new StorageException("unknown ACL code " + code);
    };
  }

  private static int storageClassCode(StorageClass sc) {
    return switch (sc) {
      case STANDARD -> 1;
      case IA -> 2;
      case ARCHIVE -> 3;
      case COLD_ARCHIVE -> 4;
      case DEEP_COLD_ARCHIVE -> 5;
    };
  }

  private static StorageClass storageClass(int code) {
    return switch (code) {
      case 1 -> StorageClass.STANDARD;
      case 2 -> StorageClass.IA;
      case 3 -> StorageClass.ARCHIVE;
      case 4 -> StorageClass.COLD_ARCHIVE;
      case 5 -> StorageClass.DEEP_COLD_ARCHIVE;
      default -> throw new StorageException("unknown storage class code " + code);
    };
  }
}
