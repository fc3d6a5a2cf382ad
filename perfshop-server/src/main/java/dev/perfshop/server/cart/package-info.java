/**
 * Carts (anonymous on the {@code PERFSHOP_CART} cookie, or the signed-in customer's) and {@link
 * dev.perfshop.server.cart.Pricing}, the one place where money is computed.
 */
package dev.perfshop.server.cart;
