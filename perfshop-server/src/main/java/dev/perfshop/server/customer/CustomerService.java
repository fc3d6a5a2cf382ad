package dev.perfshop.server.customer;

import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.ProblemType;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.function.SingletonSupplier;

/** Accounts and sessions. Passwords are BCrypt-hashed; session tokens are stored as SHA-256. */
@Service
class CustomerService {

  private final CustomerRepository customers;
  private final CustomerSessionRepository sessions;
  private final CustomerProperties properties;
  private final Clock clock;
  private final BCryptPasswordEncoder encoder;

  /**
   * Compared against when the email is unknown, so an unknown email costs the same BCrypt work as a
   * wrong password and the two cannot be told apart by timing. Made by the first sign-in, whatever
   * its email, rather than at start (one BCrypt hash: 0.18 s of a cold start here).
   */
  private final SingletonSupplier<String> dummyHash;

  CustomerService(
      CustomerRepository customers,
      CustomerSessionRepository sessions,
      CustomerProperties properties,
      Clock clock) {
    this.customers = customers;
    this.sessions = sessions;
    this.properties = properties;
    this.clock = clock;
    this.encoder = new BCryptPasswordEncoder(properties.bcryptStrength());
    this.dummyHash = SingletonSupplier.of(() -> encoder.encode(Tokens.random()));
  }

  static String normalise(String email) {
    return email.strip().toLowerCase(Locale.ROOT);
  }

  @Transactional
  public Customer register(String email, String name, String password) {
    String normalised = normalise(email);
    if (customers.existsByEmail(normalised)) {
      throw emailTaken();
    }
    try {
      return customers.saveAndFlush(
          new Customer(normalised, name.strip(), encoder.encode(password), clock.instant()));
    } catch (DataIntegrityViolationException e) {
      throw emailTaken();
    }
  }

  @Transactional(readOnly = true)
  public Customer authenticate(String email, String password) {
    String unknown = dummyHash.obtain();
    var customer = customers.findByEmail(normalise(email));
    String hash = customer.map(Customer::getPasswordHash).orElse(unknown);
    boolean matches = encoder.matches(password, hash);
    if (customer.isEmpty() || !matches) {
      throw new ApiException(ProblemType.UNAUTHENTICATED, "email or password is wrong");
    }
    return customer.get();
  }

  /** Opens a new session and returns its token (the only time the token exists server-side). */
  @Transactional
  public String openSession(long customerId, String previousToken) {
    closeSession(previousToken);
    sessions.deleteExpired(clock.instant());
    Instant now = clock.instant();
    String token = SessionIds.next(customerId, now);
    sessions.save(
        new CustomerSession(
            Tokens.sha256(token), customerId, now, now.plus(properties.sessionTtl())));
    return token;
  }

  @Transactional
  public void closeSession(String token) {
    if (Tokens.plausible(token)) {
      sessions.deleteByTokenHash(Tokens.sha256(token));
    }
  }

  private static ApiException emailTaken() {
    return new ApiException(ProblemType.CONFLICT, "an account with this email already exists");
  }
}
