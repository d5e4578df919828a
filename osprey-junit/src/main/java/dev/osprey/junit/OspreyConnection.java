package dev.osprey.junit;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;

/**
 * Where a test's Osprey listens and the root key that may do everything on it: what code under test
 * needs to build its own client.
 *
 * @param endpoint {@code http://127.0.0.1:<port>}
 * @param accessKeyId the root AccessKeyId
 * @param accessKeySecret the root AccessKeySecret
 * @param region the server's region, for signature V4
 */
public record OspreyConnection(
    String endpoint, String accessKeyId, String accessKeySecret, String region) {
  /** A new client with the SDK's default settings; the caller shuts it down. */
  public OSS newClient() {
    return newClient(new ClientBuilderConfiguration());
  }

  /**
   * A new client with {@code conf} (e.g. signature V4 with this region); the caller shuts it down.
   */
  public OSS newClient(ClientBuilderConfiguration conf) {
    return OSSClientBuilder.create()
        .endpoint(endpoint)
        .credentialsProvider(
            new com.aliyun.oss.common.auth.DefaultCredentialProvider(accessKeyId, accessKeySecret))
        .clientConfiguration(conf)
        .region(region)
        .build();
  }

  /** Hides the secret, so a connection printed in a test report does not leak it. */
  @Override
  public String toString() {
    return "OspreyConnection[endpoint=" + endpoint + ", accessKeyId=" + accessKeyId + "]";
  }
}
