package dev.osprey.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate authorities an https endpoint is checked against when the JVM's own trust store
 * does not know them: a private CA, or the self-signed certificate of a local server.
 */
final class CaCertificates {
  private CaCertificates() {}

  /** Trust managers that accept exactly the certificates of the PEM file {@code pem}. */
  static X509TrustManager[] trustManagers(Path pem) throws IOException {
    if (!Files.isReadable(pem)) {
      throw new IOException("CA certificate file " + pem.toAbsolutePath() + " is not readable");
    }
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) {
        throw new IOException("no PEM certificate in " + pem.toAbsolutePath());
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate c : certs) {
        store.setCertificateEntry("ca-" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager x509) {
          return new X509TrustManager[] {x509};
        }
      }
      throw new IOException("the JVM offers no X.509 trust manager");
    } catch (GeneralSecurityException e) {
      throw new IOException(
          "cannot read CA certificates from " + pem.toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }
}
