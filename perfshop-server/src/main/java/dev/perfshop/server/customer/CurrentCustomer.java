package dev.perfshop.server.customer;

import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.Port;
import dev.perfshop.server.system.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Who is signed in on a request: the customer of a valid, unexpired {@code PERFSHOP_SESSION}. */
@Port
@Component
public class CurrentCustomer {

  public static final String SESSION_COOKIE = "PERFSHOP_SESSION";
  private static final String ATTRIBUTE = CurrentCustomer.class.getName();
  private static final Object NONE = new Object();

  /** A signed-in customer, as other features see it. */
  public record SignedIn(long id, String email, String name) {}

  private final CustomerSessionRepository sessions;
  private final CustomerRepository customers;
  private final Clock clock;

  CurrentCustomer(CustomerSessionRepository sessions, CustomerRepository customers, Clock clock) {
    this.sessions = sessions;
    this.customers = customers;
    this.clock = clock;
  }

  /** The signed-in customer, looked up once per request. */
  @Transactional(readOnly = true)
  public Optional<SignedIn> find(HttpServletRequest request) {
    Object cached = request.getAttribute(ATTRIBUTE);
    if (cached != null) {
      return cached == NONE ? Optional.empty() : Optional.of((SignedIn) cached);
    }
    Optional<SignedIn> found = lookup(Cookies.read(request, SESSION_COOKIE));
    request.setAttribute(ATTRIBUTE, found.<Object>map(s -> s).orElse(NONE));
    return found;
  }

  /** The signed-in customer, or a 401 {@code unauthenticated} problem. */
  public SignedIn require(HttpServletRequest request) {
    return find(request)
        .orElseThrow(
            () -> new ApiException(ProblemType.UNAUTHENTICATED, "sign in to use this route"));
  }

  /** Forgets the cached answer (after sign-in or sign-out on the same request). */
  void forget(HttpServletRequest request) {
    request.removeAttribute(ATTRIBUTE);
  }

  private Optional<SignedIn> lookup(String token) {
    if (!Tokens.plausible(token)) {
      return Optional.empty();
    }
    return sessions
        .findByTokenHash(Tokens.sha256(token))
        .filter(s -> s.getExpiresAt().isAfter(clock.instant()))
        .flatMap(s -> customers.findById(s.getCustomerId()))
        .map(c -> new SignedIn(c.getId(), c.getEmail(), c.getName()));
  }
}
