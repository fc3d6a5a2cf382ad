/**
 * Customers: registration, sign-in with BCrypt-hashed passwords, and server-side sessions carried
 * by the {@code PERFSHOP_SESSION} cookie. {@link dev.perfshop.server.customer.CurrentCustomer} is
 * the API other features use to find who is signed in.
 */
package dev.perfshop.server.customer;
