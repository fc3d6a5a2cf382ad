package dev.perfshop.license;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A licence file: a small JSON document
 *
 * <pre>{"format":"perfshop-license/1","keyId":"…","payload":"…","signature":"…"}</pre>
 *
 * where {@code payload} is the base64url (no padding) of the licence's {@link
 * License#canonicalJson() canonical JSON} and {@code signature} the base64url of the Ed25519
 * signature of {@link #signedBytes(byte[]) "perfshop-license/1\n" followed by those payload bytes}.
 * The file is parsed only after its size has been checked against {@link #MAX_BYTES}.
 */
public record LicenseFile(String keyId, byte[] payload, byte[] signature) {

  public static final String FORMAT = "perfshop-license/1";

  /** Licence files larger than this are refused without being parsed. */
  public static final int MAX_BYTES = 16 * 1024;

  private static final int SIGNATURE_BYTES = 64;

  public LicenseFile {
    payload = payload.clone();
    signature = signature.clone();
  }

  /** Signs {@code license} with {@code key}; the licence's key id must be that key's id. */
  public static LicenseFile sign(License license, PrivateKey key) {
    byte[] payload = license.canonicalJson();
    return new LicenseFile(license.keyId(), payload, Signatures.sign(key, signedBytes(payload)));
  }

  /**
   * Reads the outer document. Checks the size first (at most {@code maxBytes}), then the JSON
   * shape; does not verify the signature.
   */
  public static LicenseFile parse(byte[] file, int maxBytes) {
    if (file.length > maxBytes) {
      throw new LicenseFormatException(
          "licence file is " + file.length + " bytes; the limit is " + maxBytes);
    }
    JsonNode m = Json.parse(file);
    if (!m.isObject()) {
      throw new LicenseFormatException("licence file is not a JSON object");
    }
    if (!FORMAT.equals(m.path("format").asString(null))) {
      throw new LicenseFormatException("licence file format is not " + FORMAT);
    }
    if (!m.path("keyId").isString()) {
      throw new LicenseFormatException("licence file has no keyId");
    }
    String keyId = m.path("keyId").asString();
    byte[] payload = base64(m.path("payload"), "payload");
    byte[] signature = base64(m.path("signature"), "signature");
    if (signature.length != SIGNATURE_BYTES) {
      throw new LicenseFormatException("licence signature is not " + SIGNATURE_BYTES + " bytes");
    }
    return new LicenseFile(keyId, payload, signature);
  }

  /** The file's bytes: the JSON document followed by a newline. */
  public byte[] toBytes() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    ObjectNode doc = Json.object();
    doc.put("format", FORMAT);
    doc.put("keyId", keyId);
    doc.put("payload", b64.encodeToString(payload));
    doc.put("signature", b64.encodeToString(signature));
    byte[] json = Json.write(doc);
    byte[] file = Arrays.copyOf(json, json.length + 1);
    file[json.length] = '\n';
    return file;
  }

  /** What the signature covers: the format line, then the payload bytes. */
  static byte[] signedBytes(byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 32);
    out.writeBytes((FORMAT + "\n").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(payload);
    return out.toByteArray();
  }

  private static byte[] base64(JsonNode value, String name) {
    String s = value.isString() ? value.asString() : "";
    if (s.isEmpty()) {
      throw new LicenseFormatException("licence file has no " + name);
    }
    try {
      return Base64.getUrlDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new LicenseFormatException("licence " + name + " is not base64url");
    }
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LicenseFile f
        && keyId.equals(f.keyId)
        && Arrays.equals(payload, f.payload)
        && Arrays.equals(signature, f.signature);
  }

  @Override
  public int hashCode() {
    return keyId.hashCode() * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "LicenseFile[keyId=" + keyId + ", payload=" + payload.length + " bytes]";
  }
}
