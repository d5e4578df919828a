-- Osprey metadata on PostgreSQL, schema version 1.
--
-- Object keys are bytea (their UTF-8 bytes): bytea compares bytewise, which is the order OSS lists
-- in (UTF-8 byte order = code point order), whatever the database's collation. Bucket names are
-- ASCII, kept as text with the "C" collation (byte order). Records (bucket, object, upload, part)
-- are stored in the versioned binary format shared with the embedded backend (the first byte of
-- each value is its format version); the columns that queries filter, order or join on are real
-- columns beside it.

CREATE TABLE osprey_bucket (
  name       text COLLATE "C" PRIMARY KEY,
  record     bytea NOT NULL,
  policy     text                -- the bucket policy document; gone with the bucket
);

-- Current records: one row per key that has one (a key whose latest version is a delete marker
-- has none). seq is the version's sequence (0 in a bucket never versioned).
CREATE TABLE osprey_object (
  bucket     text COLLATE "C" NOT NULL,
  key        bytea NOT NULL,
  seq        bigint NOT NULL,
  blob_id    text COLLATE "C",
  record     bytea NOT NULL,
  PRIMARY KEY (bucket, key)
);
CREATE INDEX osprey_object_blob ON osprey_object (blob_id) WHERE blob_id IS NOT NULL;

-- Previous versions and delete markers of versioned buckets. Invariant: a key's current record
-- (osprey_object) has a higher seq than every row here.
CREATE TABLE osprey_version (
  bucket     text COLLATE "C" NOT NULL,
  key        bytea NOT NULL,
  seq        bigint NOT NULL,
  null_id    boolean NOT NULL,
  blob_id    text COLLATE "C",
  record     bytea NOT NULL,
  PRIMARY KEY (bucket, key, seq)
);
CREATE INDEX osprey_version_blob ON osprey_version (blob_id) WHERE blob_id IS NOT NULL;
CREATE INDEX osprey_version_null ON osprey_version (bucket, key) WHERE null_id;

-- Tails: bytes of small appends, committed in the same transaction as the record, folded into the
-- blob later. One row per generation (bucket, key, blob id) that has a tail, with its folded
-- length; chunks keyed by their offset.
CREATE TABLE osprey_tail (
  bucket     text COLLATE "C" NOT NULL,
  key        bytea NOT NULL,
  blob_id    text COLLATE "C" NOT NULL,
  folded     bigint NOT NULL,
  PRIMARY KEY (bucket, key, blob_id)
);
CREATE TABLE osprey_tail_chunk (
  bucket     text COLLATE "C" NOT NULL,
  key        bytea NOT NULL,
  blob_id    text COLLATE "C" NOT NULL,
  offs       bigint NOT NULL,
  bytes      bytea NOT NULL,
  PRIMARY KEY (bucket, key, blob_id, offs)
);

-- Multipart uploads and their parts.
CREATE TABLE osprey_upload (
  bucket     text COLLATE "C" NOT NULL,
  key        bytea NOT NULL,
  upload_id  text COLLATE "C" NOT NULL,
  record     bytea NOT NULL,
  PRIMARY KEY (bucket, key, upload_id)
);
CREATE TABLE osprey_part (
  bucket     text COLLATE "C" NOT NULL,
  key        bytea NOT NULL,
  upload_id  text COLLATE "C" NOT NULL,
  part_no    integer NOT NULL,
  blob_id    text COLLATE "C",
  record     bytea NOT NULL,
  PRIMARY KEY (bucket, key, upload_id, part_no)
);
CREATE INDEX osprey_part_blob ON osprey_part (blob_id) WHERE blob_id IS NOT NULL;

-- RAM identities. Times are kept as ISO-8601 instants (exact to the nanosecond).
CREATE TABLE osprey_user (
  name       text COLLATE "C" PRIMARY KEY,
  user_id    text NOT NULL,
  created    text NOT NULL
);
CREATE TABLE osprey_access_key (
  access_key_id text COLLATE "C" PRIMARY KEY,
  user_name     text COLLATE "C" NOT NULL REFERENCES osprey_user (name) ON DELETE CASCADE,
  sealed_secret text NOT NULL,
  active        boolean NOT NULL,
  created       text NOT NULL
);
CREATE INDEX osprey_access_key_user ON osprey_access_key (user_name, access_key_id);
CREATE TABLE osprey_user_policy (
  user_name   text COLLATE "C" NOT NULL REFERENCES osprey_user (name) ON DELETE CASCADE,
  policy_name text COLLATE "C" NOT NULL,
  document    text NOT NULL,
  PRIMARY KEY (user_name, policy_name)
);
