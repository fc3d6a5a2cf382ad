package dev.perfshop.server.license;

import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public licence status and the instructor's licence routes. */
@RestController
class LicenseController {

  private final LicenseService licenses;

  LicenseController(LicenseService licenses) {
    this.licenses = licenses;
  }

  @GetMapping(path = "/api/license/status", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<LicenseStatus> status() {
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(licenses.status());
  }

  @GetMapping(path = "/api/admin/license", produces = MediaType.APPLICATION_JSON_VALUE)
  LicenseDetails details() {
    return licenses.details();
  }

  /**
   * The body is the licence file itself. Its size is checked before anything is parsed: the
   * declared length first, then while reading (at most one byte more than the limit is read).
   */
  @PutMapping(
      path = "/api/admin/license",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  LicenseDetails install(HttpServletRequest request) throws IOException {
    int max = licenses.maxBytes();
    if (request.getContentLengthLong() > max) {
      throw tooLarge(max);
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(max + 1);
    }
    if (body.length > max) {
      throw tooLarge(max);
    }
    return licenses.install(body);
  }

  @DeleteMapping(path = "/api/admin/license", produces = MediaType.APPLICATION_JSON_VALUE)
  LicenseDetails remove() {
    return licenses.remove();
  }

  private static ApiException tooLarge(int max) {
    return new ApiException(
        ProblemType.PAYLOAD_TOO_LARGE, "licence files are limited to " + max + " bytes");
  }
}
