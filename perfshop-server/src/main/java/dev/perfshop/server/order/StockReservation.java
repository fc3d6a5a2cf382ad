package dev.perfshop.server.order;

import com.zaxxer.hikari.HikariDataSource;
import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.system.policy.Activation;
import dev.perfshop.server.system.policy.RequestPolicy;
import dev.perfshop.server.system.policy.Waiter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Borrows real connections from the Hikari pool on the request thread and holds them for 2 s, so
 * other requests queue for a connection. Bounded by the level's share of the pool; held connections
 * go back as soon as the activation ends (a disable or halt waits up to 2 s for them).
 */
@Component
public class StockReservation implements RequestPolicy {

  private static final ChaosType POOL_EXHAUSTION = ChaosType.of("pool-exhaustion");

  private static final Logger log = LoggerFactory.getLogger(StockReservation.class);
  private static final double[] SHARE = POOL_EXHAUSTION.doubles("poolShare");
  static final long HOLD_NANOS = Duration.ofSeconds(2).toNanos();

  private final DataSource dataSource;
  private final Waiter sleeper;
  private final int poolSize;
  private final AtomicInteger held = new AtomicInteger();

  StockReservation(DataSource dataSource, Waiter sleeper) {
    this.dataSource = dataSource;
    this.sleeper = sleeper;
    this.poolSize = poolSize(dataSource);
  }

  private static int poolSize(DataSource ds) {
    try {
      if (ds.isWrapperFor(HikariDataSource.class)) {
        return ds.unwrap(HikariDataSource.class).getMaximumPoolSize();
      }
    } catch (SQLException e) {
      // fall through
    }
    return 10;
  }

  @Override
  public ChaosType type() {
    return POOL_EXHAUSTION;
  }

  public int cap(int level) {
    return Math.max(1, (int) Math.ceil(poolSize * SHARE[level - 1]));
  }

  public int held() {
    return held.get();
  }

  @Override
  public void apply(Activation a, HttpServletRequest request, HttpServletResponse response) {
    int cap = cap(a.level());
    int want = Math.max(1, poolSize / 5);
    int take;
    int now;
    do {
      now = held.get();
      if (now >= cap) {
        return;
      }
      take = Math.min(want, cap - now);
    } while (!held.compareAndSet(now, now + take));
    List<Connection> borrowed = new ArrayList<>(take);
    try {
      for (int i = 0; i < take && !a.released(); i++) {
        borrowed.add(dataSource.getConnection());
      }
      sleeper.sleepUntil(System.nanoTime() + HOLD_NANOS, a);
    } catch (SQLException e) {
      log.warn("could not borrow a connection: {}", e.getMessage());
    } finally {
      for (Connection c : borrowed) {
        try {
          c.close();
        } catch (SQLException e) {
          log.debug("close failed", e);
        }
      }
      held.addAndGet(-take);
    }
  }

  @Override
  public void release(Activation activation) {
    long deadline = System.nanoTime() + HOLD_NANOS;
    while (held.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
