package dev.perfshop.server.order;

import dev.perfshop.server.system.Port;
import java.math.BigDecimal;

/** Authorises card payments. The shop has one simulated implementation; tests replace it. */
@Port
public interface PaymentGateway {

  /** What is asked of the gateway. The card number never leaves this call (only its last 4). */
  record Charge(BigDecimal amount, String currency, String cardNumber, String expiry, String cvc) {
    @Override
    public String toString() {
      return "Charge[amount=" + amount + " " + currency + ", card=****]";
    }
  }

  /** The gateway's answer: approved with an authorisation code, or declined with a reason. */
  record Authorization(boolean approved, String code, String declineReason) {
    static Authorization approved(String code) {
      return new Authorization(true, code, null);
    }

    static Authorization declined(String reason) {
      return new Authorization(false, null, reason);
    }
  }

  Authorization authorise(Charge charge);
}
