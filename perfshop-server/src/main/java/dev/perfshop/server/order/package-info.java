/**
 * Checkout ({@code POST /api/orders} with an {@code Idempotency-Key}), the simulated payment
 * gateway, and the signed-in customer's order history.
 */
package dev.perfshop.server.order;
