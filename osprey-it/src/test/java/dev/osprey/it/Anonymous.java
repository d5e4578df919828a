package dev.osprey.it;

import com.aliyun.oss.common.auth.Credentials;
import com.aliyun.oss.common.auth.CredentialsProvider;

/**
 * Credentials with an empty key pair. The SDK's own providers refuse empty keys, but its signers
 * treat a pair with an empty id or secret as anonymous and send the request unsigned, which is what
 * a browser or curl does.
 */
final class Anonymous implements CredentialsProvider, Credentials {

  @Override
  public void setCredentials(Credentials creds) {
    throw new UnsupportedOperationException("anonymous credentials are fixed");
  }

  @Override
  public Credentials getCredentials() {
    return this;
  }

  @Override
  public String getAccessKeyId() {
    return "";
  }

  @Override
  public String getSecretAccessKey() {
    return "";
  }

  @Override
  public String getSecurityToken() {
    return null;
  }

  @Override
  public boolean useSecurityToken() {
    return false;
  }
}
