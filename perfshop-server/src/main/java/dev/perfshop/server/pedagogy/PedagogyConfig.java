package dev.perfshop.server.pedagogy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the pedagogy feature: the install key and what is built on it. */
@Configuration(proxyBeanMethods = false)
class PedagogyConfig {

  private static final Logger log = LoggerFactory.getLogger(PedagogyConfig.class);

  @Bean
  SecureRandom pedagogyRandom() {
    return new SecureRandom();
  }

  /**
   * Loads the install key and checks it against the fingerprint the database remembers: a data
   * folder that lost its key file would otherwise silently invalidate every agent code and answer.
   */
  @Bean
  InstallKey installKey(
      @Value("${perfshop.data-dir}") Path dataDir,
      SecureRandom pedagogyRandom,
      InstallRepository repository,
      PedagogyProperties properties,
      Clock clock) {
    InstallKey key = InstallKey.loadOrCreate(dataDir, pedagogyRandom);
    String fingerprint = key.fingerprint();
    var known = repository.keyFingerprint();
    if (known.isPresent() && !known.get().equals(fingerprint)) {
      if (!properties.allowNewKey()) {
        throw new IllegalStateException(
            "the pedagogy install key in "
                + dataDir.resolve(InstallKey.FILE_NAME)
                + " is not the one this database was used with: restore the original file, or"
                + " start once with perfshop.pedagogy.allow-new-key=true (existing agent codes"
                + " and answers of registered enigmas then stop working)");
      }
      log.warn("pedagogy install key replaced: existing agent codes and answer hashes are void");
    }
    if (known.isEmpty() || !known.get().equals(fingerprint)) {
      repository.saveKeyFingerprint(fingerprint, clock.instant());
    }
    return key;
  }

  @Bean
  AgentCodes agentCodes(InstallKey installKey, SecureRandom pedagogyRandom) {
    return new AgentCodes(installKey, pedagogyRandom);
  }

  @Bean
  AnswerChecks answerChecks(InstallKey installKey) {
    return new AnswerChecks(installKey);
  }
}
