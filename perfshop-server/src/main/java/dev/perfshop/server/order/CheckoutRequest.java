package dev.perfshop.server.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/orders}. What is bought is the cart; this says who, where to and how
 * to pay, and an optional coupon code. {@code email} is required for guests and ignored for
 * signed-in customers.
 */
record CheckoutRequest(
    @Email @Size(max = 254) String email,
    @NotNull @Valid Address shippingAddress,
    @NotNull @Valid Card payment,
    @Pattern(regexp = "[A-Za-z0-9-]{1,32}", message = "must be 1 to 32 letters, digits or '-'")
        String couponCode) {

  record Address(
      @NotBlank @Size(max = 80) String name,
      @NotBlank @Size(max = 120) String line1,
      @NotBlank @Size(max = 80) String city,
      @NotBlank @Pattern(regexp = "[A-Za-z0-9 -]{2,16}") String postalCode,
      @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 code")
          String country) {}

  record Card(
      @NotNull @Pattern(regexp = "[0-9]{12,19}", message = "must be 12 to 19 digits")
          String cardNumber,
      @NotNull @Pattern(regexp = "(0[1-9]|1[0-2])/[0-9]{2}", message = "must be MM/YY")
          String expiry,
      @NotNull @Pattern(regexp = "[0-9]{3,4}", message = "must be 3 or 4 digits") String cvc) {

    /** Luhn checksum of the card number. */
    boolean luhnValid() {
      int sum = 0;
      boolean doubled = false;
      for (int i = cardNumber.length() - 1; i >= 0; i--) {
        int d = cardNumber.charAt(i) - '0';
        if (doubled) {
          d *= 2;
          if (d > 9) {
            d -= 9;
          }
        }
        sum += d;
        doubled = !doubled;
      }
      return sum % 10 == 0;
    }

    String last4() {
      return cardNumber.substring(cardNumber.length() - 4);
    }

    /** Never prints the card number or the CVC. */
    @Override
    public String toString() {
      return "Card[****" + last4() + "]";
    }
  }
}
