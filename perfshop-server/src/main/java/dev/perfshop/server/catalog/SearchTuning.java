package dev.perfshop.server.catalog;

import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.system.policy.Activation;
import dev.perfshop.server.system.policy.PolicyContext;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Component;

/** broken-search, broken-pagination, sql-injection and stored-xss, inside the catalogue. */
@Component
class SearchTuning implements CatalogFaults {

  private static final ChaosType BROKEN_PAGINATION = ChaosType.of("broken-pagination");
  private static final ChaosType BROKEN_SEARCH = ChaosType.of("broken-search");
  private static final ChaosType SQL_INJECTION = ChaosType.of("sql-injection");
  private static final ChaosType STALE_PRICES = ChaosType.of("stale-prices");
  private static final ChaosType STORED_XSS = ChaosType.of("stored-xss");

  /** A query no product name or description contains. */
  static final String MATCHES_NOTHING = "\u0007\u0007";

  @Override
  public String searchText(String text) {
    Activation a = PolicyContext.hit(BROKEN_SEARCH);
    if (a == null || text == null || text.isBlank()) {
      return text;
    }
    String t = text.strip();
    return switch (a.level()) {
      case 1 -> t.length() > 1 ? t.substring(0, t.length() - 1) : t;
      case 2 -> t.length() > 3 ? t.substring(0, 3) : t;
      case 3 -> new StringBuilder(t).reverse().toString();
      case 4 -> null;
      default -> MATCHES_NOTHING;
    };
  }

  @Override
  public Pageable page(Pageable requested) {
    Activation a = PolicyContext.hit(BROKEN_PAGINATION);
    if (a == null || requested.getPageNumber() == 0) {
      return requested;
    }
    long offset = requested.getOffset();
    return switch (a.level()) {
      case 2 -> new ShiftedPageable(requested, offset - 1);
      case 3 -> new ShiftedPageable(requested, offset - Math.max(1, requested.getPageSize() / 2));
      case 4 -> new ShiftedPageable(requested, 0);
      default -> requested;
    };
  }

  @Override
  public Page<Product> result(Page<Product> fetched, Pageable requested) {
    Activation a = PolicyContext.hit(BROKEN_PAGINATION);
    if (a == null) {
      return fetched;
    }
    return switch (a.level()) {
      case 1 ->
          new MiscountedPage<>(fetched.getContent(), requested, fetched.getTotalElements() + 1);
      case 5 ->
          new MiscountedPage<>(
              requested.getPageNumber() == 0 ? fetched.getContent() : List.of(),
              requested,
              Math.min(fetched.getTotalElements(), requested.getPageSize()));
      default -> fetched;
    };
  }

  private static final double[] STALE_FACTOR = STALE_PRICES.doubles("factor");

  @Override
  public java.math.BigDecimal shownPrice(java.math.BigDecimal current) {
    Activation a = PolicyContext.hit(STALE_PRICES);
    if (a == null || current == null) {
      return current;
    }
    return current
        .multiply(java.math.BigDecimal.valueOf(STALE_FACTOR[a.level() - 1]))
        .setScale(2, java.math.RoundingMode.HALF_UP);
  }

  @Override
  public int injectableSearch() {
    Activation a = PolicyContext.hit(SQL_INJECTION);
    return a == null ? 0 : a.level();
  }

  @Override
  public int reviewPageFlaw() {
    Activation a = PolicyContext.hit(STORED_XSS);
    return a == null ? 0 : a.level();
  }

  /** A page that reports the total it is given, even on the last page. */
  static final class MiscountedPage<T> extends PageImpl<T> {
    private final long total;

    MiscountedPage(List<T> content, Pageable pageable, long total) {
      super(content, pageable, total);
      this.total = total;
    }

    @Override
    public long getTotalElements() {
      return total;
    }

    @Override
    public int getTotalPages() {
      return getSize() == 0 ? 1 : (int) Math.ceil((double) total / getSize());
    }
  }
}
