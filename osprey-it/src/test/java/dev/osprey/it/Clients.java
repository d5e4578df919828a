package dev.osprey.it;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
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
    ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
    // Errors are what many tests provoke: one attempt keeps failures fast and the server's answer
    // unretried.
    conf.setMaxErrorRetry(0);
    if ("V4".equals(version)) {
      conf.setSignatureVersion(SignVersion.V4);
      return OSSClientBuilder.create()
          .endpoint(endpoint)
          .credentialsProvider(new DefaultCredentialProvider(accessKeyId, secret))
          .clientConfiguration(conf)
          .region(REGION)
          .build();
    }
    return new OSSClientBuilder().build(endpoint, accessKeyId, secret, conf);
  }

  static OSS shared(String version) {
    return sdk(
        SharedServer.get().endpoint(),
        version,
        SharedServer.ACCESS_KEY_ID,
        SharedServer.ACCESS_KEY_SECRET);
  }
}
