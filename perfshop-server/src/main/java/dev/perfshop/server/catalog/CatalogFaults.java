package dev.perfshop.server.catalog;

import dev.perfshop.server.system.Port;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;

/**
 * Seam through which the chaos engine makes the catalogue misbehave from inside the service, so an
 * anomaly shows in traces and logs as a real bug would. Without chaos every method is the identity;
 * {@link #NONE} is used when no implementation is present.
 */
@Port
public interface CatalogFaults {

  CatalogFaults NONE = new CatalogFaults() {};

  /** The search text the query really uses (broken-search). */
  default String searchText(String text) {
    return text;
  }

  /** The page really fetched (broken-pagination). */
  default Pageable page(Pageable requested) {
    return requested;
  }

  /** The page really returned (broken-pagination). */
  default Page<Product> result(Page<Product> fetched, Pageable requested) {
    return fetched;
  }

  /** 0, or the level (1–5) of the SQL injection the search must suffer (sql-injection). */
  default int injectableSearch() {
    return 0;
  }

  /** The price product pages show for this current price (stale-prices). */
  default java.math.BigDecimal shownPrice(java.math.BigDecimal current) {
    return current;
  }

  /** 0, or the level (1–5) of the escaping failure of the review page (stored-xss). */
  default int reviewPageFlaw() {
    return 0;
  }
}
