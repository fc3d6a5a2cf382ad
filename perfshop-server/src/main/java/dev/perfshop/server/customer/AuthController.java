package dev.perfshop.server.customer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/auth", produces = MediaType.APPLICATION_JSON_VALUE)
class AuthController {

  private final CustomerService customers;
  private final CurrentCustomer current;
  private final CustomerProperties properties;

  AuthController(
      CustomerService customers, CurrentCustomer current, CustomerProperties properties) {
    this.customers = customers;
    this.current = current;
    this.properties = properties;
  }

  /** Creates the account and signs it in (a new session cookie). */
  @PostMapping(path = "/register", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  CustomerView register(
      @Valid @RequestBody Registration body,
      HttpServletRequest request,
      HttpServletResponse response) {
    Customer customer = customers.register(body.email(), body.name(), body.password());
    signIn(customer, request, response);
    return CustomerView.of(customer);
  }

  /** Signs in: any session the request carried is closed and a new one opened (rotation). */
  @PostMapping(path = "/login", consumes = MediaType.APPLICATION_JSON_VALUE)
  CustomerView login(
      @Valid @RequestBody Credentials body,
      HttpServletRequest request,
      HttpServletResponse response) {
    Customer customer = customers.authenticate(body.email(), body.password());
    signIn(customer, request, response);
    return CustomerView.of(customer);
  }

  /** Closes the session (idempotent: without one it still answers 204). */
  @PostMapping("/logout")
  ResponseEntity<Void> logout(HttpServletRequest request, HttpServletResponse response) {
    customers.closeSession(Cookies.read(request, CurrentCustomer.SESSION_COOKIE));
    current.forget(request);
    Cookies.clear(response, CurrentCustomer.SESSION_COOKIE, properties.secureCookies());
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/me")
  CustomerView me(HttpServletRequest request) {
    var signedIn = current.require(request);
    return new CustomerView(signedIn.id(), signedIn.email(), signedIn.name());
  }

  private void signIn(Customer customer, HttpServletRequest request, HttpServletResponse response) {
    String previous = Cookies.read(request, CurrentCustomer.SESSION_COOKIE);
    String token = customers.openSession(customer.getId(), previous);
    current.forget(request);
    Cookies.write(
        response,
        CurrentCustomer.SESSION_COOKIE,
        token,
        properties.sessionTtl(),
        properties.secureCookies());
  }

  record CustomerView(long id, String email, String name) {
    static CustomerView of(Customer c) {
      return new CustomerView(c.getId(), c.getEmail(), c.getName());
    }
  }

  /** BCrypt reads at most 72 bytes, so longer passwords are refused rather than truncated. */
  record Registration(
      @NotBlank @Email @Size(max = 254) String email,
      @NotBlank @Size(max = 80) String name,
      @NotNull @Size(min = 8, max = 72) String password) {}

  record Credentials(
      @NotBlank @Size(max = 254) String email, @NotNull @Size(max = 72) String password) {}
}
