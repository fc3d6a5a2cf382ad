package dev.perfshop.server.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

import dev.perfshop.server.support.TestAdmin;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * Web slices start with the licence and admin configurers on the class path (other features'
 * {@code @WebMvcTest}s rely on it), and the admin guard applies in them too.
 */
@WebMvcTest(
    controllers = LicenseController.class,
    // The stats filter and the request-policy interceptor need their own beans, which a slice
    // lacks.
    excludeFilters =
        @ComponentScan.Filter(
            type = FilterType.REGEX,
            pattern = "dev\\.perfshop\\.server\\.(stats|chaos|system\\.policy)\\..*"))
class LicenseControllerSliceTests {

  @Autowired MockMvcTester mvc;
  @MockitoBean LicenseService licenses;

  @Test
  void theAdminGuardWorksInAWebSlice() {
    when(licenses.details())
        .thenReturn(
            new LicenseDetails(
                false, "missing", "none", null, null, null, null, null, null, null, null,
                List.of()));
    assertThat(mvc.get().uri("/api/admin/license")).hasStatus(401);
    assertThat(mvc.get().uri("/api/admin/license").header(TestAdmin.HEADER, TestAdmin.TOKEN))
        .hasStatusOk()
        .bodyJson()
        .extractingPath("$.reason")
        .isEqualTo("missing");
  }
}
