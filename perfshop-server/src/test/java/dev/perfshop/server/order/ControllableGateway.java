package dev.perfshop.server.order;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A test seam in front of the simulated gateway: it can fail (an exception thrown after the stock
 * was taken and the order written, before any payment record) or hold an authorisation until told
 * to go on (to keep a checkout in flight).
 */
class ControllableGateway implements PaymentGateway {

  /** Puts the controllable gateway in front of the simulated one (tests {@code @Import} it). */
  @TestConfiguration(proxyBeanMethods = false)
  static class Config {
    @Bean
    @Primary
    ControllableGateway controllableGateway(SimulatedPaymentGateway simulated) {
      return new ControllableGateway(simulated);
    }
  }

  enum Mode {
    DELEGATE,
    THROW,
    BLOCK
  }

  private final PaymentGateway delegate;
  volatile Mode mode = Mode.DELEGATE;
  volatile CountDownLatch entered = new CountDownLatch(1);
  volatile CountDownLatch release = new CountDownLatch(1);

  ControllableGateway(PaymentGateway delegate) {
    this.delegate = delegate;
  }

  void reset() {
    mode = Mode.DELEGATE;
    entered = new CountDownLatch(1);
    release = new CountDownLatch(1);
  }

  @Override
  public Authorization authorise(Charge charge) {
    switch (mode) {
      case THROW -> throw new IllegalStateException("injected: payment provider connection reset");
      case BLOCK -> {
        entered.countDown();
        try {
          if (!release.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("test never released the payment");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      case DELEGATE -> {}
    }
    return delegate.authorise(charge);
  }
}
