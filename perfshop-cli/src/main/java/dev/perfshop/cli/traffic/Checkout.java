package dev.perfshop.cli.traffic;

/**
 * The checkout request body synthetic shoppers send: a guest checkout (docs/api.md, "Checkout and
 * orders") with a test card the payment gateway accepts.
 */
final class Checkout {

  static final String BODY =
      """
      {"email":"shopper@example.test",\
      "shippingAddress":{"name":"Synthetic Shopper","line1":"1 Load Street","city":"Lyon",\
      "postalCode":"69001","country":"FR"},\
      "payment":{"cardNumber":"4242424242424242","expiry":"12/39","cvc":"123"}}""";

  private Checkout() {}
}
