package dev.perfshop.cli.traffic;

/** The checkout request body synthetic shoppers send (a test card the payment gateway accepts). */
final class Checkout {

  static final String BODY = "{}";

  private Checkout() {}
}
