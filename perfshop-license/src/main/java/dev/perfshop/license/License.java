package dev.perfshop.license;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The claims of a licence. Times have second precision; features are a sorted set of slugs. The
 * {@link #canonicalJson() canonical form} is the byte sequence that is signed, so two equal
 * licences always have the same bytes.
 *
 * @param licensee who the licence is for (1–200 printable characters)
 * @param edition a slug such as {@code lab}, {@code classroom}
 * @param features feature slugs (at most 64), sorted and without duplicates
 * @param seats how many students the licence covers (1–1 000 000)
 * @param issuedAt when it was signed
 * @param notBefore start of validity
 * @param expiresAt end of validity (exclusive)
 * @param keyId id of the signing key ({@link LicenseKeys#keyId})
 */
public record License(
    String licensee,
    String edition,
    List<String> features,
    int seats,
    Instant issuedAt,
    Instant notBefore,
    Instant expiresAt,
    String keyId) {

  /** Version of the claims document ({@code v} member). */
  public static final int VERSION = 1;

  /** The clock difference tolerated between the signer and the verifier. */
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");

  public License {
    check(licensee != null && !licensee.isBlank() && licensee.length() <= 200, "licensee");
    check(licensee.chars().noneMatch(Character::isISOControl), "licensee");
    check(
        new String(licensee.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
            .equals(licensee),
        "licensee");
    check(edition != null && SLUG.matcher(edition).matches(), "edition");
    check(features != null && features.size() <= 64, "features");
    check(features.stream().allMatch(f -> f != null && SLUG.matcher(f).matches()), "features");
    features = List.copyOf(new TreeSet<>(features));
    check(seats >= 1 && seats <= 1_000_000, "seats");
    check(issuedAt != null && notBefore != null && expiresAt != null, "times");
    issuedAt = issuedAt.truncatedTo(ChronoUnit.SECONDS);
    notBefore = notBefore.truncatedTo(ChronoUnit.SECONDS);
    expiresAt = expiresAt.truncatedTo(ChronoUnit.SECONDS);
    check(notBefore.isBefore(expiresAt), "notBefore/expiresAt (notBefore must be before expiry)");
    check(keyId != null && KEY_ID.matcher(keyId).matches(), "keyId");
  }

  private static void check(boolean ok, String field) {
    if (!ok) {
      throw new LicenseFormatException("licence field '" + field + "' is missing or invalid");
    }
  }

  /**
   * Whether the licence is valid at {@code now}, allowing {@link #CLOCK_SKEW} on both ends: {@code
   * null} when it is, else {@link LicenseReason#NOT_YET_VALID} or {@link LicenseReason#EXPIRED}.
   */
  public LicenseReason timeReason(Instant now) {
    if (now.plus(CLOCK_SKEW).isBefore(notBefore)) {
      return LicenseReason.NOT_YET_VALID;
    }
    if (!now.minus(CLOCK_SKEW).isBefore(expiresAt)) {
      return LicenseReason.EXPIRED;
    }
    return null;
  }

  /** First instant at which the licence is accepted (not-before minus the skew). */
  public Instant acceptedFrom() {
    return notBefore.minus(CLOCK_SKEW);
  }

  /** First instant at which the licence is refused as expired (expiry plus the skew). */
  public Instant acceptedUntil() {
    return expiresAt.plus(CLOCK_SKEW);
  }

  /**
   * The signed form: UTF-8 JSON, members in lexicographic order, no whitespace, times as ISO-8601
   * UTC seconds.
   */
  public byte[] canonicalJson() {
    ObjectNode doc = Json.object();
    doc.put("edition", edition);
    doc.put("expiresAt", expiresAt.toString());
    features.forEach(doc.putArray("features")::add);
    doc.put("issuedAt", issuedAt.toString());
    doc.put("keyId", keyId);
    doc.put("licensee", licensee);
    doc.put("notBefore", notBefore.toString());
    doc.put("seats", seats);
    doc.put("v", VERSION);
    return Json.write(doc);
  }

  /** Reads claims written by {@link #canonicalJson()}; unknown members are ignored. */
  public static License fromJson(byte[] json) {
    JsonNode m = Json.parse(json);
    if (!m.isObject()) {
      throw new LicenseFormatException("licence payload is not a JSON object");
    }
    if (!m.path("v").isIntegralNumber() || m.path("v").asLong() != VERSION) {
      throw new LicenseFormatException("licence payload version is not " + VERSION);
    }
    if (!m.path("features").isArray()) {
      throw new LicenseFormatException("licence field 'features' is missing or invalid");
    }
    List<String> features = new ArrayList<>();
    for (JsonNode f : m.path("features")) {
      if (!f.isString()) {
        throw new LicenseFormatException("licence field 'features' is invalid");
      }
      features.add(f.asString());
    }
    return new License(
        text(m, "licensee"),
        text(m, "edition"),
        features,
        seats(m),
        instant(m, "issuedAt"),
        instant(m, "notBefore"),
        instant(m, "expiresAt"),
        text(m, "keyId"));
  }

  private static String text(JsonNode m, String name) {
    if (m.path(name).isString()) {
      return m.path(name).asString();
    }
    throw new LicenseFormatException("licence field '" + name + "' is missing or invalid");
  }

  private static int seats(JsonNode m) {
    JsonNode n = m.path("seats");
    if (n.isIntegralNumber() && n.canConvertToInt()) {
      return n.asInt();
    }
    throw new LicenseFormatException("licence field 'seats' is missing or invalid");
  }

  private static Instant instant(JsonNode m, String name) {
    try {
      return Instant.parse(text(m, name));
    } catch (DateTimeParseException e) {
      throw new LicenseFormatException("licence field '" + name + "' is not an ISO-8601 instant");
    }
  }
}
