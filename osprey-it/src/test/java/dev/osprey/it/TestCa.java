package dev.osprey.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A throwaway certificate authority made with the JDK's {@code keytool} (the JDK has no public API
 * that creates certificates), and server certificates it signs for 127.0.0.1 and localhost, written
 * as the PEM files {@code osprey server --tls-cert/--tls-key} reads.
 */
final class TestCa {
  private static final String PASSWORD = "osprey-test";

  /** A signed server certificate: its chain (server first, then the CA) and its PKCS#8 key. */
  record ServerCert(Path chain, Path key) {}

  private final Path dir;
  private final Path caStore;
  private final Path caPem;

  private TestCa(Path dir, Path caStore, Path caPem) {
    this.dir = dir;
    this.caStore = caStore;
    this.caPem = caPem;
  }

  /** A new CA (EC P-256) in {@code dir}, valid for two days. */
  static TestCa create(Path dir) throws IOException {
    Path store = dir.resolve("ca.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "ca",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=Osprey test CA",
        "-ext",
        "bc:c",
        "-validity",
        "2",
        "-keystore",
        store.toString());
    Path pem = dir.resolve("ca.pem");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        store.toString(),
        "-file",
        pem.toString());
    return new TestCa(dir, store, pem);
  }

  /** The CA's certificate, PEM: what a client is told to trust. */
  Path certificatePem() {
    return caPem;
  }

  /** A server certificate for 127.0.0.1 and localhost with a key of {@code keyAlgorithm}. */
  ServerCert issue(String keyAlgorithm) throws IOException {
    String name = "server-" + keyAlgorithm.toLowerCase(java.util.Locale.ROOT);
    Path store = dir.resolve(name + ".p12");
    List<String> gen =
        new ArrayList<>(
            List.of(
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                keyAlgorithm,
                "-dname",
                "CN=localhost",
                "-validity",
                "2",
                "-keystore",
                store.toString()));
    gen.addAll(keyAlgorithm.equals("EC") ? List.of("-groupname", "secp256r1") : List.of());
    keytool(gen.toArray(String[]::new));
    Path csr = dir.resolve(name + ".csr");
    keytool("-certreq", "-alias", "server", "-keystore", store.toString(), "-file", csr.toString());
    Path signed = dir.resolve(name + ".pem");
    keytool(
        "-gencert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        caStore.toString(),
        "-infile",
        csr.toString(),
        "-outfile",
        signed.toString(),
        "-validity",
        "2",
        "-ext",
        "san=ip:127.0.0.1,dns:localhost",
        "-ext",
        "eku=serverAuth");
    Path chain = dir.resolve(name + "-chain.pem");
    Files.writeString(chain, Files.readString(signed) + Files.readString(caPem));
    Path key = dir.resolve(name + "-key.pem");
    Files.writeString(key, pkcs8Pem(store));
    return new ServerCert(chain, key);
  }

  /** Trust managers that trust this CA alone. */
  X509TrustManager[] trustManagers() {
    try (InputStream in = Files.newInputStream(caPem)) {
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      Certificate ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
      trusted.setCertificateEntry("ca", ca);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trusted);
      return new X509TrustManager[] {(X509TrustManager) tmf.getTrustManagers()[0]};
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A TLS context for JDK clients (java.net.http) that trusts this CA alone. */
  SSLContext sslContext() {
    try {
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, trustManagers(), null);
      return ssl;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The private key of {@code store}'s "server" entry as a PEM PKCS#8 block. */
  private static String pkcs8Pem(Path store) throws IOException {
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, PASSWORD.toCharArray());
      Key key = ks.getKey("server", PASSWORD.toCharArray());
      return "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(key.getEncoded())
          + "\n-----END PRIVATE KEY-----\n";
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the key of " + store, e);
    }
  }

  private static void keytool(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-noprompt"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running keytool", e);
    }
  }
}
