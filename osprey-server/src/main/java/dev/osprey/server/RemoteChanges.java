package dev.osprey.server;

import dev.osprey.server.access.BucketLogs;
import dev.osprey.server.handler.CnameTable;
import dev.osprey.server.iam.RamCredentialStore;
import dev.osprey.storage.StorageListener;

/**
 * What another node sharing the metadata store changed, applied to this node's caches: identity
 * changes drop the cached RAM keys and users, bucket changes reload the bucket's CNAME bindings and
 * its logging configuration. Storage opens before the caches exist, so they are attached after.
 * Bucket records and bucket policies themselves are not cached (a parsed policy is cached by its
 * text, which a change replaces), so they need nothing here.
 */
final class RemoteChanges implements StorageListener {
  private volatile RamCredentialStore credentials;
  private volatile CnameTable cnames;
  private volatile BucketLogs bucketLogs;

  void attach(RamCredentialStore credentials, CnameTable cnames, BucketLogs bucketLogs) {
    this.credentials = credentials;
    this.cnames = cnames;
    this.bucketLogs = bucketLogs;
  }

  @Override
  public void identityChanged() {
    RamCredentialStore c = credentials;
    if (c != null) {
      c.invalidate();
    }
  }

  @Override
  public void bucketChanged(String bucket) {
    CnameTable t = cnames;
    if (t != null) {
      t.refresh(bucket);
    }
    BucketLogs logs = bucketLogs;
    if (logs != null) {
      if (bucket == null) {
        logs.forgetConfigurations();
      } else {
        logs.configurationChanged(bucket);
      }
    }
  }
}
