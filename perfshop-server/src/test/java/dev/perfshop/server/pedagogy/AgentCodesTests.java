package dev.perfshop.server.pedagogy;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AgentCodesTests {

  private final SecureRandom random = new SecureRandom();
  private final InstallKey key = InstallKey.of(Codes.randomBytes(random, 32));
  private final AgentCodes codes = new AgentCodes(key, random);

  @Test
  void anIssuedCodeVerifiesToItsIdHoweverItIsTyped() {
    AgentCodes.Issued issued = codes.issue();
    assertThat(issued.code()).hasSize(32 + 7);
    assertThat(codes.verify(issued.code())).contains(issued.publicId());
    String sloppy =
        issued.code().toLowerCase().replace("-", " ").replace('0', 'o').replace('1', 'l');
    assertThat(codes.verify(sloppy)).contains(issued.publicId());
    assertThat(codes.codeOf(issued.publicId())).isEqualTo(issued.code());
  }

  @Test
  void changingAnyCharacterOfACodeMakesItInvalid() {
    String code = codes.issue().code().replace("-", "");
    String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    for (int i = 0; i < code.length(); i++) {
      for (char c : alphabet.toCharArray()) {
        if (c == code.charAt(i)) {
          continue;
        }
        String tampered = code.substring(0, i) + c + code.substring(i + 1);
        assertThat(codes.verify(tampered)).as(tampered).isEmpty();
      }
    }
  }

  @Test
  void codesMadeWithAnotherKeyOrAtRandomAreRefused() {
    AgentCodes other = new AgentCodes(InstallKey.of(Codes.randomBytes(random, 32)), random);
    assertThat(codes.verify(other.issue().code())).isEmpty();
    SplittableRandom r = new SplittableRandom(42);
    for (int i = 0; i < 10_000; i++) {
      byte[] b = new byte[20];
      r.nextBytes(b);
      assertThat(codes.verify(Codes.base32(b))).isEmpty();
    }
    assertThat(codes.verify(null)).isEmpty();
    assertThat(codes.verify("x".repeat(1000))).isEmpty();
  }

  @Test
  void issuedIdsDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(codes.issue().publicId())).isTrue();
    }
  }

  @Test
  void joinCodesAvoidLookAlikesAndNormalise() {
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 1000; i++) {
      String code = Codes.joinCode(r);
      assertThat(code).hasSize(6).doesNotContain("0", "1", "O", "I", "L");
      assertThat(
              Codes.normaliseJoinCode(
                  " " + code.toLowerCase().substring(0, 3) + "-" + code.substring(3)))
          .contains(code);
    }
    assertThat(Codes.normaliseJoinCode("ABCDE0")).isEmpty();
    assertThat(Codes.normaliseJoinCode("ABC")).isEmpty();
  }

  @Test
  void base32RoundTripsAndHasOneSpellingPerValue() {
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 1000; i++) {
      byte[] b = new byte[1 + r.nextInt(24)];
      r.nextBytes(b);
      assertThat(Codes.unbase32(Codes.base32(b), b.length))
          .hasValueSatisfying(d -> assertThat(d).isEqualTo(b));
    }
    // 10 bytes = 80 bits = 16 symbols exactly; 1 byte = 8 bits leaves 2 padding bits that must be 0
    assertThat(Codes.unbase32("01", 1)).isEmpty();
    assertThat(Codes.unbase32("04", 1)).isPresent();
  }

  @Test
  void theKeyNeverShowsInToString() {
    assertThat(key.toString()).isEqualTo("InstallKey[****]");
  }
}
