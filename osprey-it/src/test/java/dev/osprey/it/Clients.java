package dev.osprey.it;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.common.auth.CredentialsProvider;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.common.comm.SignVersion;

/**
 * Official OSS Java SDK clients pointed at an Osprey endpoint, exactly as a user would build them.
 */
final class Clients {
  static final String REGION = "cn-hangzhou";

  private Clients() {}

  /** A client signing with {@code version} ("V1" or "V4"). */
  static OSS sdk(String endpoint, String version, String accessKeyId, String secret) {
    return sdk(endpoint, version, new DefaultCredentialProvider(accessKeyId, secret));
  }

  /**
   * A client signing with {@code version} ("V1" or "V4") using what {@code credentials} provides.
   */
  static OSS sdk(String endpoint, String version, CredentialsProvider credentials) {
    ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
    // Errors are what many tests provoke: one attempt keeps failures fast and the server's answer
    // unretried.
    conf.setMaxErrorRetry(0);
    if ("V4".equals(version)) {
      conf.setSignatureVersion(SignVersion.V4);
      return OSSClientBuilder.create()
          .endpoint(endpoint)
          .credentialsProvider(credentials)
          .clientConfiguration(conf)
          .region(REGION)
          .build();
    }
    return new OSSClientBuilder().build(endpoint, credentials, conf);
  }

  /** A client that sends requests unsigned, as an anonymous visitor would (spec §5.5). */
  static OSS anonymous(String version) {
    return sdk(SharedServer.get().endpoint(), version, new Anonymous());
  }

  static OSS shared(String version) {
    return sdk(
        SharedServer.get().endpoint(),
        version,
        SharedServer.ACCESS_KEY_ID,
        SharedServer.ACCESS_KEY_SECRET);
  }
}
