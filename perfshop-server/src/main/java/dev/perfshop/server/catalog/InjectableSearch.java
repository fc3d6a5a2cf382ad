package dev.perfshop.server.catalog;

import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.ProblemType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.util.List;
import java.util.Map;
import org.hibernate.Hibernate;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;

/**
 * DELIBERATELY VULNERABLE catalogue search, used only while the sql-injection anomaly is active
 * (which the safety mode allows only on loopback or in an explicit unsafe lab). It builds native
 * SQL by string concatenation, as the classic bug does; rows map to {@link Product} by column name,
 * so a UNION must supply the products columns.
 */
@Component
class InjectableSearch {

  static final Map<String, String> ORDER =
      Map.of(
          "name", "p.name, p.id",
          "price", "p.price, p.id",
          "-price", "p.price DESC, p.id",
          "newest", "p.created_at DESC, p.id DESC");

  private final EntityManager em;

  InjectableSearch(EntityManager em) {
    this.em = em;
  }

  @SuppressWarnings("unchecked")
  Page<Product> search(String text, String category, String sort, int page, int size, int level) {
    StringBuilder where = new StringBuilder(" WHERE 1=1");
    if (text != null && !text.isBlank()) {
      String t = text.strip().toLowerCase(java.util.Locale.ROOT);
      where
          .append(" AND (LOWER(p.name) LIKE '%")
          .append(t)
          .append("%' OR LOWER(p.description) LIKE '%")
          .append(t)
          .append("%')");
    }
    if (category != null) {
      where.append(" AND c.slug = '").append(category).append("'");
    }
    String order = ORDER.getOrDefault(sort, sort);
    String from = " FROM products p JOIN categories c ON c.id = p.category_id";
    try {
      List<Product> rows =
          em.createNativeQuery(
                  "SELECT p.*"
                      + from
                      + where
                      + " ORDER BY "
                      + order
                      + " LIMIT "
                      + size
                      + " OFFSET "
                      + (long) page * size,
                  Product.class)
              .getResultList();
      Number total =
          (Number) em.createNativeQuery("SELECT COUNT(*)" + from + where).getSingleResult();
      rows.forEach(p -> Hibernate.initialize(p.getCategory()));
      return new PageImpl<>(rows, PageRequest.of(page, size), total.longValue());
    } catch (PersistenceException | org.springframework.dao.DataAccessException e) {
      if (level >= 2) {
        Throwable root = e;
        while (root.getCause() != null) {
          root = root.getCause();
        }
        throw new ApiException(ProblemType.INTERNAL, String.valueOf(root.getMessage()));
      }
      throw e;
    }
  }
}
