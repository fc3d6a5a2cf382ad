package dev.perfshop.server.pedagogy;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The fingerprint of the install key that hashed the stored answers (one row). */
@Repository
class InstallRepository {

  private final JdbcClient jdbc;

  InstallRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<String> keyFingerprint() {
    return jdbc.sql("SELECT key_fingerprint FROM pedagogy_install WHERE id = 1")
        .query(String.class)
        .optional();
  }

  void saveKeyFingerprint(String fingerprint, Instant now) {
    if (jdbc.sql("UPDATE pedagogy_install SET key_fingerprint = ? WHERE id = 1")
            .param(fingerprint)
            .update()
        == 0) {
      jdbc.sql("INSERT INTO pedagogy_install (id, key_fingerprint, created_at) VALUES (1, ?, ?)")
          .params(fingerprint, PedagogyRepository.ts(now))
          .update();
    }
  }
}
