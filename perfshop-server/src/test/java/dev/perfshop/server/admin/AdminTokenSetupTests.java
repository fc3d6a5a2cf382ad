package dev.perfshop.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfshop.server.PerfShopApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

class AdminTokenSetupTests {

  @TempDir Path dir;

  @Test
  void withoutConfigurationATokenIsGeneratedOnceAndOnlyItsHashIsKept() throws IOException {
    List<String> announced = new ArrayList<>();
    AdminToken first = AdminToken.storedOrGenerated(dir, new SecureRandom(), announced::add);
    assertThat(announced).hasSize(1);
    String token = announced.getFirst();
    assertThat(token).hasSize(43); // 256 bits, base64url
    assertThat(first.matches(token)).isTrue();
    assertThat(Files.readString(dir.resolve(AdminToken.TOKEN_FILE)).strip()).isEqualTo(token);
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve(AdminToken.TOKEN_FILE))))
        .isEqualTo("rw-------");
    String hash = Files.readString(dir.resolve(AdminToken.HASH_FILE)).strip();
    assertThat(hash)
        .isEqualTo(HexFormat.of().formatHex(AdminToken.sha256(token)))
        .doesNotContain(token);

    Files.delete(dir.resolve(AdminToken.TOKEN_FILE)); // the operator kept it elsewhere
    AdminToken second = AdminToken.storedOrGenerated(dir, new SecureRandom(), announced::add);
    assertThat(announced).hasSize(1);
    assertThat(second.source()).isEqualTo(AdminToken.Source.STORED);
    assertThat(second.matches(token)).isTrue();
    assertThat(second.matches(token + "x")).isFalse();
  }

  @Test
  void shortOrDocumentedTokensAreRefused() {
    assertThatThrownBy(() -> AdminToken.configured("short-token"))
        .hasMessageContaining("shorter than 32");
    for (String example : AdminToken.DOCUMENTED_EXAMPLES) {
      assertThatThrownBy(() -> AdminToken.configured(example))
          .hasMessageContaining("copied from the documentation");
    }
    assertThat(AdminToken.configured("k".repeat(32)).matches("k".repeat(32))).isTrue();
  }

  @Test
  void everyTokenShownInTheDocsIsRefused() throws IOException {
    Pattern shown =
        Pattern.compile("(?:X-Admin-Token: |PERFSHOP_ADMIN_TOKEN=)([A-Za-z0-9_.~+/=-]{8,})");
    List<String> found = new ArrayList<>();
    try (Stream<Path> docs = Files.list(Path.of("..", "docs"))) {
      for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).toList()) {
        Matcher m = shown.matcher(Files.readString(doc));
        while (m.find()) {
          found.add(m.group(1));
        }
      }
    }
    assertThat(found).isNotEmpty();
    assertThat(found).allSatisfy(t -> assertThat(AdminToken.DOCUMENTED_EXAMPLES).contains(t));
  }

  @Test
  void theServerDoesNotStartWithAShortToken() {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(PerfShopApplication.class)
                    .run(
                        "--perfshop.admin.token=too-short-token",
                        "--spring.main.web-application-type=none",
                        "--perfshop.data-dir=" + dir)
                    .close())
        .hasStackTraceContaining("shorter than 32");
  }
}
