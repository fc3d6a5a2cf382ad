package dev.perfshop.license;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys for licences: generation, the key id, and text encodings. Public keys are X.509
 * SubjectPublicKeyInfo, private keys PKCS#8, both as PEM; a public key may also be given as the
 * bare base64 of its DER (handy in an environment variable).
 */
public final class LicenseKeys {

  public static final String ALGORITHM = "Ed25519";

  private static final String PUBLIC_PEM = "PUBLIC KEY";
  private static final String PRIVATE_PEM = "PRIVATE KEY";

  private LicenseKeys() {}

  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no Ed25519", e);
    }
  }

  /** The first 8 bytes of the SHA-256 of the public key's DER encoding, as 16 hex digits. */
  public static String keyId(PublicKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String publicKeyPem(PublicKey key) {
    return pem(PUBLIC_PEM, key.getEncoded());
  }

  /** The bare base64 of the public key's DER: one line, no armour. */
  public static String publicKeyBase64(PublicKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  public static String privateKeyPem(PrivateKey key) {
    return pem(PRIVATE_PEM, key.getEncoded());
  }

  /** Reads a public key from PEM ({@code BEGIN PUBLIC KEY}) or bare base64 DER. */
  public static PublicKey parsePublicKey(String text) {
    byte[] der = der(text, PUBLIC_PEM);
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new LicenseFormatException("not an Ed25519 public key", e);
    }
  }

  /** Reads a private key from PEM ({@code BEGIN PRIVATE KEY}, PKCS#8). */
  public static PrivateKey parsePrivateKey(String text) {
    if (!text.contains("-----BEGIN " + PRIVATE_PEM + "-----")) {
      throw new LicenseFormatException("not a PEM private key (BEGIN PRIVATE KEY)");
    }
    byte[] der = der(text, PRIVATE_PEM);
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new LicenseFormatException("not an Ed25519 private key", e);
    }
  }

  /** Whether {@code privateKey} and {@code publicKey} belong together (probe signature). */
  public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
    byte[] probe = "perfshop key pair probe".getBytes(StandardCharsets.US_ASCII);
    return Signatures.verify(publicKey, probe, Signatures.sign(privateKey, probe));
  }

  private static String pem(String label, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  private static byte[] der(String text, String label) {
    if (text == null) {
      throw new LicenseFormatException("no key given");
    }
    String body = text.strip();
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    if (body.startsWith("-----")) {
      int from = body.indexOf(begin);
      int to = body.indexOf(end);
      if (from != 0 || to < 0) {
        throw new LicenseFormatException("PEM armour must be " + begin + " … " + end);
      }
      body = body.substring(begin.length(), to);
    }
    try {
      return Base64.getMimeDecoder().decode(body.replaceAll("\\s+", ""));
    } catch (IllegalArgumentException e) {
      throw new LicenseFormatException("key is not valid base64", e);
    }
  }
}
