package dev.perfshop.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CatalogApiTests {

  @LocalServerPort int port;
  @Autowired ProductRepository products;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  private RestClient http() {
    return RestClient.builder()
        .baseUrl("http://localhost:" + port)
        .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> {})
        .build();
  }

  @Test
  @SuppressWarnings("unchecked")
  void seedHasAFewHundredProductsInAtLeastTenCategories() {
    List<Map<String, Object>> categories =
        http().get().uri("/api/categories").retrieve().body(List.class);
    assertThat(categories).hasSizeGreaterThanOrEqualTo(10);
    Map<String, Object> page = http().get().uri("/api/products?size=5").retrieve().body(Map.class);
    assertThat(((Number) page.get("totalItems")).intValue()).isBetween(200, 1000);
    assertThat((List<?>) page.get("items")).hasSize(5);
  }

  @Test
  @SuppressWarnings("unchecked")
  void searchFiltersByTextAndCategoryAndSortsByPrice() {
    Map<String, Object> page =
        http()
            .get()
            .uri("/api/products?q=lamp&category=office&sort=-price&size=100")
            .retrieve()
            .body(Map.class);
    List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
    assertThat(items).isNotEmpty();
    assertThat(items).allSatisfy(p -> assertThat(p.get("category")).isEqualTo("office"));
    assertThat(items)
        .allSatisfy(p -> assertThat(((String) p.get("name")).toLowerCase()).contains("lamp"));
    List<Double> prices = items.stream().map(p -> ((Number) p.get("price")).doubleValue()).toList();
    assertThat(prices).isSortedAccordingTo((a, b) -> Double.compare(b, a));
  }

  @Test
  @SuppressWarnings("unchecked")
  void listingsWithoutATextPageThroughEveryProductOfTheirScopeOnce() {
    // The unfiltered listing and a category's have their own queries (not the text search's):
    // their counts and pages must still cover exactly the rows the database holds.
    String office = "office";
    for (String filter : new String[] {"", "&category=" + office}) {
      Integer expected =
          filter.isEmpty()
              ? jdbc.queryForObject("select count(*) from products", Integer.class)
              : jdbc.queryForObject(
                  "select count(*) from products p join categories c on c.id = p.category_id"
                      + " where c.slug = ?",
                  Integer.class,
                  office);
      Set<Long> seen = new HashSet<>();
      int total = -1;
      for (int page = 0; total < 0 || page * 40 < total; page++) {
        Map<String, Object> body =
            http()
                .get()
                .uri("/api/products?sort=price&size=40&page=" + page + filter)
                .retrieve()
                .body(Map.class);
        total = ((Number) body.get("totalItems")).intValue();
        for (Map<String, Object> p : (List<Map<String, Object>>) body.get("items")) {
          assertThat(seen.add(((Number) p.get("id")).longValue())).isTrue();
          if (!filter.isEmpty()) {
            assertThat(p.get("category")).isEqualTo(office);
          }
        }
      }
      assertThat(total).isEqualTo(expected).isPositive();
      assertThat(seen).hasSize(expected);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void likeWildcardsTypedByUsersAreLiteral() {
    Map<String, Object> page = http().get().uri("/api/products?q=%25").retrieve().body(Map.class);
    assertThat(((Number) page.get("totalItems")).intValue()).isZero();
  }

  @Test
  void aSearchForALiteralPercentUnderscoreOrEscapeCharacterFindsTheProductsThatHaveThem() {
    long id = 1;
    String name = jdbc.queryForObject("select name from products where id = ?", String.class, id);
    jdbc.update("update products set name = ? where id = ?", "Desk lamp 100% brass_x!", id);
    try {
      for (String q : List.of("100%", "brass_x", "100% brass_x!", "x!")) {
        assertThat(found(q)).as("q=%s", q).contains(id);
      }
      // still literal: an underscore is not any character, a percent sign not any text
      assertThat(found("10_%")).doesNotContain(id);
      assertThat(found("lamp%brass")).doesNotContain(id);
    } finally {
      jdbc.update("update products set name = ? where id = ?", name, id);
    }
  }

  @SuppressWarnings("unchecked")
  private List<Long> found(String q) {
    Map<String, Object> page =
        http()
            .get()
            .uri(
                b ->
                    b.path("/api/products").queryParam("q", "{q}").queryParam("size", 100).build(q))
            .retrieve()
            .body(Map.class);
    return ((List<Map<String, Object>>) page.get("items"))
        .stream().map(p -> ((Number) p.get("id")).longValue()).toList();
  }

  @Test
  @SuppressWarnings("unchecked")
  void productDetailCarriesItsCategory() {
    Product p = products.findAll().getFirst();
    var res = http().get().uri("/api/products/{id}", p.getId()).retrieve().toEntity(Map.class);
    assertThat(res.getStatusCode().value()).isEqualTo(200);
    assertThat(res.getBody())
        .containsEntry("id", p.getId().intValue())
        .containsEntry("sku", p.getSku())
        .containsKey("category")
        .containsEntry("imageUrl", "/api/products/" + p.getId() + "/image");
    assertThat((String) res.getBody().get("category")).isNotBlank();
  }

  @Test
  void unknownProductIsANotFoundProblem() {
    var res = http().get().uri("/api/products/987654").retrieve().toEntity(Map.class);
    assertThat(res.getStatusCode().value()).isEqualTo(404);
    assertThat(res.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(res.getBody()).containsEntry("type", "https://perfshop.dev/problems/not-found");
  }

  @Test
  void unknownSortIsAValidationProblem() {
    var res = http().get().uri("/api/products?sort=id;drop").retrieve().toEntity(Map.class);
    assertThat(res.getStatusCode().value()).isEqualTo(400);
    assertThat(res.getBody()).containsEntry("type", "https://perfshop.dev/problems/validation");
  }

  @Test
  void wrongMethodIsAMethodNotAllowedProblem() {
    var res = http().delete().uri("/api/products/1").retrieve().toEntity(Map.class);
    assertThat(res.getStatusCode().value()).isEqualTo(405);
    assertThat(res.getBody())
        .containsEntry("type", "https://perfshop.dev/problems/method-not-allowed");
  }

  @Test
  void reviewWithBadInputIsRefusedAndNothingIsStored() {
    long id = products.findAll().getFirst().getId();
    int before = reviewCount(id);
    var malformed =
        http()
            .post()
            .uri("/api/products/{id}/reviews", id)
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"author\": ")
            .retrieve()
            .toEntity(Map.class);
    var invalid =
        http()
            .post()
            .uri("/api/products/{id}/reviews", id)
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("author", "x", "rating", 9, "body", "ok"))
            .retrieve()
            .toEntity(Map.class);
    var wrongType =
        http()
            .post()
            .uri("/api/products/{id}/reviews", id)
            .contentType(MediaType.TEXT_PLAIN)
            .body("hello")
            .retrieve()
            .toEntity(Map.class);
    var huge =
        http()
            .post()
            .uri("/api/products/{id}/reviews", id)
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"author\":\"a\",\"rating\":5,\"body\":\"" + "x".repeat(1024 * 1024) + "\"}")
            .retrieve()
            .toEntity(Map.class);
    assertThat(malformed.getStatusCode().value()).isEqualTo(400);
    assertThat(malformed.getBody())
        .containsEntry("type", "https://perfshop.dev/problems/malformed-body");
    assertThat(invalid.getStatusCode().value()).isEqualTo(400);
    assertThat(invalid.getBody()).containsEntry("type", "https://perfshop.dev/problems/validation");
    assertThat(wrongType.getStatusCode().value()).isEqualTo(415);
    assertThat(huge.getStatusCode().value()).isEqualTo(413);
    assertThat(huge.getBody())
        .containsEntry("type", "https://perfshop.dev/problems/payload-too-large");
    assertThat(reviewCount(id)).isEqualTo(before);
  }

  @Test
  void validReviewIsStored() {
    long id = products.findAll().getFirst().getId();
    int before = reviewCount(id);
    var created =
        http()
            .post()
            .uri("/api/products/{id}/reviews", id)
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("author", "zoe", "rating", 4, "body", "Nice"))
            .retrieve()
            .toEntity(Map.class);
    assertThat(created.getStatusCode().value()).isEqualTo(201);
    assertThat(reviewCount(id)).isEqualTo(before + 1);
  }

  @Test
  void productImageIsAnSvgDrawnLocally() {
    long id = products.findAll().getFirst().getId();
    var res = http().get().uri("/api/products/{id}/image", id).retrieve().toEntity(String.class);
    assertThat(res.getHeaders().getContentType().toString()).startsWith("image/svg+xml");
    assertThat(res.getBody()).startsWith("<svg").doesNotContain("href", "<image", "url(http");
  }

  private int reviewCount(long productId) {
    return http()
        .get()
        .uri("/api/products/{id}/reviews", productId)
        .retrieve()
        .body(List.class)
        .size();
  }
}
