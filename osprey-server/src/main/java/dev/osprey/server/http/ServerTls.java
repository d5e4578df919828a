package dev.osprey.server.http;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * HTTPS for the main and the operators' listener: a PEM certificate chain (the server's certificate
 * first, then its intermediates) and its unencrypted PEM PKCS#8 private key, RSA or EC. The JDK's
 * TLS implementation does the work; ALPN offers HTTP/1.1 alone, the only protocol Osprey speaks.
 *
 * <p>Both files are read once, at start-up, and checked: each must parse, and the key must be the
 * one the first certificate names (a trial signature), so that a wrong pair fails there and not at
 * the first handshake. Every problem is an {@link IOException} whose message names the file and its
 * flag: a refused start is one line an operator can act on.
 */
public final class ServerTls {
  private static final Pattern PKCS8 =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

  private final SslContext context;

  private ServerTls(SslContext context) {
    this.context = context;
  }

  /** Reads and checks {@code certificateChain} ({@code --tls-cert}) and {@code privateKey}. */
  public static ServerTls load(Path certificateChain, Path privateKey) throws IOException {
    X509Certificate[] chain = readChain(certificateChain);
    PrivateKey key = readKey(privateKey);
    requireMatch(chain[0], key, certificateChain, privateKey);
    try {
      return new ServerTls(
          SslContextBuilder.forServer(key, chain)
              .sslProvider(SslProvider.JDK)
              .applicationProtocolConfig(
                  new ApplicationProtocolConfig(
                      ApplicationProtocolConfig.Protocol.ALPN,
                      ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                      ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                      ApplicationProtocolNames.HTTP_1_1))
              .build());
    } catch (SSLException | IllegalArgumentException e) {
      throw new IOException(
          "cannot serve TLS with " + certificateChain + " and " + privateKey + ": " + e, e);
    }
  }

  /** A handler for one new connection: the first in its pipeline. */
  public SslHandler newHandler(ByteBufAllocator alloc) {
    return context.newHandler(alloc);
  }

  private static X509Certificate[] readChain(Path file) throws IOException {
    requireReadable(file, "--tls-cert", "certificate chain");
    try (InputStream in = Files.newInputStream(file)) {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) {
        throw new CertificateException("no certificate in it");
      }
      return certs.stream().map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
    } catch (CertificateException | ClassCastException e) {
      throw new IOException(
          "TLS certificate chain "
              + file.toAbsolutePath()
              + " (--tls-cert) is not a PEM certificate chain: "
              + e.getMessage(),
          e);
    }
  }

  private static PrivateKey readKey(Path file) throws IOException {
    requireReadable(file, "--tls-key", "private key");
    Matcher m = PKCS8.matcher(Files.readString(file, StandardCharsets.ISO_8859_1));
    if (!m.find()) {
      throw new IOException(
          "TLS private key "
              + file.toAbsolutePath()
              + " (--tls-key) holds no unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY); convert it"
              + " with `openssl pkcs8 -topk8 -nocrypt`");
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(1));
    for (String algorithm : new String[] {"RSA", "EC"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // not this algorithm: try the next
      }
    }
    throw new IOException(
        "TLS private key "
            + file.toAbsolutePath()
            + " (--tls-key) is neither an RSA nor an EC key");
  }

  /** Signs a nonce with the key and verifies it with the certificate's public key. */
  private static void requireMatch(X509Certificate cert, PrivateKey key, Path chain, Path keyFile)
      throws IOException {
    String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    try {
      byte[] nonce = new byte[32];
      new SecureRandom().nextBytes(nonce);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(nonce);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(cert.getPublicKey());
      verifier.update(nonce);
      if (verifier.verify(signature)) {
        return;
      }
    } catch (GeneralSecurityException e) {
      // a key of another type than the certificate's: no match
    }
    throw new IOException(
        "TLS private key "
            + keyFile.toAbsolutePath()
            + " (--tls-key) does not belong to the first certificate of "
            + chain.toAbsolutePath()
            + " (--tls-cert)");
  }

  private static void requireReadable(Path file, String flag, String what) throws IOException {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IOException(
          "TLS "
              + what
              + " "
              + file.toAbsolutePath()
              + " ("
              + flag
              + ") "
              + (Files.exists(file) ? "is not a readable file" : "does not exist"));
    }
  }
}
