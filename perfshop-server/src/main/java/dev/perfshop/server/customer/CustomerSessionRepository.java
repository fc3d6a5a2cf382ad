package dev.perfshop.server.customer;

import java.time.Instant;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface CustomerSessionRepository extends JpaRepository<CustomerSession, Long> {

  Optional<CustomerSession> findByTokenHash(String tokenHash);

  @Modifying
  @Query("delete from CustomerSession s where s.tokenHash = :hash")
  int deleteByTokenHash(@Param("hash") String tokenHash);

  @Modifying
  @Query("delete from CustomerSession s where s.expiresAt < :now")
  int deleteExpired(@Param("now") Instant now);
}
