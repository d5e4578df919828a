package dev.osprey.server;

import dev.osprey.storage.OrphanCollection;
import dev.osprey.storage.SyncMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Everything an Osprey server is started with.
 *
 * @param host address to listen on (127.0.0.1 by default: reachable from this machine only)
 * @param port TCP port, 0 for an ephemeral one
 * @param dataDir where metadata and object bytes live
 * @param credentials the root access key pair
 * @param domains host names under which {@code bucket.<domain>} means virtual-hosted addressing
 * @param region the region reported by GetBucketLocation/GetBucketInfo (as {@code oss-<region>})
 * @param bodyReadTimeout how long a request body may stall before RequestTimeout
 * @param shutdownGrace how long a graceful shutdown waits for requests in flight
 * @param adminHost address of the operators' listener (metrics, health)
 * @param adminPort its port; 0 for an ephemeral one, -1 when it is off
 * @param idleTimeout how long a connection with nothing to do stays open
 * @param orphans how blobs that no record names are collected (grace period, interval)
 * @param sync what a 200 promises: fsynced ({@code ALWAYS}) or handed to the OS ({@code NEVER})
 * @param workers how many platform threads run requests at most (see {@code RequestWorkers})
 * @param headerTimeout how long a request may take from its first byte to the end of its headers
 * @param maxConnections how many connections the main listener keeps open at once
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    RootCredentials credentials,
    Set<String> domains,
    String region,
    Duration bodyReadTimeout,
    Duration shutdownGrace,
    String adminHost,
    int adminPort,
    Duration idleTimeout,
    OrphanCollection orphans,
    SyncMode sync,
    int workers,
    Duration headerTimeout,
    int maxConnections) {

  public ServerConfig {
    domains = Set.copyOf(domains);
  }
}
