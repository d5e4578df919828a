package dev.osprey.server.callback;

import dev.osprey.storage.file.FileDurability;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Signs callback requests as OSS does: {@code Authorization} is the base64 RSA signature (MD5 with
 * RSA) over the URL-decoded path, the query string with its {@code ?} if any, a newline and the
 * body; the application verifies it with the public key whose URL {@code x-oss-pub-key-url} names
 * (base64). The key pair is the server's own, kept in {@code <data>/callback.key} (PKCS #8, owner
 * only) so that a restart keeps the public key applications may have cached. It is read, or
 * created, when first needed: a server that never runs a callback never pays for an RSA key.
 */
public final class CallbackSigner {
  public static final String FILE_NAME = "callback.key";
  private static final String ALGORITHM = "MD5withRSA";

  private final Path file;
  private final ReentrantLock loading = new ReentrantLock();
  private volatile KeyPair keys;

  /** The signer whose key pair lives in {@code dataDir}. */
  public CallbackSigner(Path dataDir) {
    this.file = dataDir.resolve(FILE_NAME);
  }

  private record KeyPair(PrivateKey privateKey, PublicKey publicKey) {}

  private KeyPair keys() {
    KeyPair k = keys;
    if (k != null) {
      return k;
    }
    loading.lock();
    try {
      if (keys == null) {
        keys = loadOrCreate(file);
      }
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      loading.unlock();
    }
  }

  private static KeyPair loadOrCreate(Path file) throws IOException {
    try {
      if (!Files.exists(file)) {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        byte[] pkcs8 = gen.generateKeyPair().getPrivate().getEncoded();
        FileDurability.replaceAtomically(
            file, Base64.getEncoder().encode(pkcs8), PosixFilePermissions.fromString("rw-------"));
      }
      byte[] pkcs8 = Base64.getDecoder().decode(Files.readString(file).trim());
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      PublicKey pub =
          rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
      return new KeyPair(key, pub);
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      throw new IOException(file + " does not hold an RSA private key", e);
    }
  }

  /** The public key as PEM ({@code -----BEGIN PUBLIC KEY-----}), what the key URL serves. */
  public String publicKeyPem() {
    String b64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(keys().publicKey().getEncoded());
    return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
  }

  /**
   * The {@code Authorization} value for a POST to {@code decodedPath}{@code query} with {@code
   * body}.
   */
  String sign(String decodedPath, String rawQuery, byte[] body) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initSign(keys().privateKey());
      s.update(stringToSign(decodedPath, rawQuery).getBytes(StandardCharsets.UTF_8));
      s.update(body);
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a callback", e);
    }
  }

  /** What precedes the body in the signed content. */
  static String stringToSign(String decodedPath, String rawQuery) {
    String path = decodedPath == null || decodedPath.isEmpty() ? "/" : decodedPath;
    return path + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery) + "\n";
  }
}
