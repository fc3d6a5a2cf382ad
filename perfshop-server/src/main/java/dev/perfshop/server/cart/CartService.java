package dev.perfshop.server.cart;

import dev.perfshop.server.catalog.Product;
import dev.perfshop.server.catalog.ProductRepository;
import dev.perfshop.server.customer.Cookies;
import dev.perfshop.server.customer.CurrentCustomer;
import dev.perfshop.server.customer.Tokens;
import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.Port;
import dev.perfshop.server.system.ProblemType;
import dev.perfshop.server.system.ShopMeters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Carts. Which cart a request uses: the signed-in customer's; otherwise the anonymous cart of the
 * {@code PERFSHOP_CART} cookie. When a signed-in request still carries an anonymous cart cookie
 * (the customer filled a cart, then signed in), that cart is merged into the customer's cart and
 * the cookie is cleared: anonymous carts survive login.
 */
@Port
@Service
public class CartService {

  public static final String CART_COOKIE = "PERFSHOP_CART";

  /** A cart as checkout sees it: who owns it and what is in it (sorted by product id). */
  public record CheckoutCart(long cartId, Long customerId, String owner, List<Item> items) {
    public boolean guest() {
      return customerId == null;
    }
  }

  public record Item(long productId, int quantity) {}

  private final CartRepository carts;
  private final ProductRepository products;
  private final CurrentCustomer current;
  private final Pricing pricing;
  private final CartProperties properties;
  private final ShopMeters meters;
  private final Clock clock;

  CartService(
      CartRepository carts,
      ProductRepository products,
      CurrentCustomer current,
      Pricing pricing,
      CartProperties properties,
      ShopMeters meters,
      Clock clock) {
    this.carts = carts;
    this.products = products;
    this.current = current;
    this.pricing = pricing;
    this.properties = properties;
    this.meters = meters;
    this.clock = clock;
  }

  @Transactional
  public CartView view(HttpServletRequest request, HttpServletResponse response) {
    return resolve(request, response, false).map(this::render).orElseGet(this::emptyView);
  }

  @Transactional
  public CartView add(
      HttpServletRequest request, HttpServletResponse response, long productId, int quantity) {
    Product product = products.findById(productId).orElseThrow(() -> notFound(productId));
    Optional<Cart> existing = resolve(request, response, false);
    int wanted = existing.map(c -> c.quantityOf(productId)).orElse(0) + quantity;
    check(product, wanted);
    // only now, so a refused first addition leaves neither a cart nor a cookie behind
    Cart cart =
        existing.isPresent() ? existing.get() : resolve(request, response, true).orElseThrow();
    cart.set(productId, wanted, clock.instant());
    carts.saveAndFlush(cart);
    meters.cartAddition(quantity);
    return render(cart);
  }

  @Transactional
  public CartView setQuantity(
      HttpServletRequest request, HttpServletResponse response, long productId, int quantity) {
    Cart cart = resolve(request, response, false).orElseThrow(() -> notInCart(productId));
    long line = line(cart, productId);
    Product product = products.findById(line).orElseThrow(() -> notFound(productId));
    check(product, quantity);
    cart.set(line, quantity, clock.instant());
    carts.saveAndFlush(cart);
    return render(cart);
  }

  @Transactional
  public CartView remove(HttpServletRequest request, HttpServletResponse response, long productId) {
    Cart cart = resolve(request, response, false).orElseThrow(() -> notInCart(productId));
    cart.remove(line(cart, productId), clock.instant());
    carts.saveAndFlush(cart);
    return render(cart);
  }

  @Transactional
  public void clear(HttpServletRequest request, HttpServletResponse response) {
    resolve(request, response, false).ifPresent(cart -> cart.clear(clock.instant()));
  }

  /**
   * The request's cart for checkout, without creating one. Merges an anonymous cart into the
   * customer's like every other cart route.
   */
  @Transactional
  public Optional<CheckoutCart> forCheckout(
      HttpServletRequest request, HttpServletResponse response) {
    return resolve(request, response, false).map(CartService::checkoutView);
  }

  /**
   * Locks the cart row until the caller's transaction ends and returns its current content, so two
   * checkouts of one cart (with different idempotency keys) run one after the other and the second
   * one finds the cart empty.
   */
  @Transactional
  public CheckoutCart lockForCheckout(long cartId) {
    return checkoutView(carts.lockById(cartId).orElseThrow());
  }

  /** Empties a cart inside the caller's transaction (the order was placed). */
  @Transactional
  public void empty(long cartId) {
    carts.findById(cartId).ifPresent(cart -> cart.clear(clock.instant()));
  }

  /** Removes every cart (data reset). */
  @Transactional
  public long deleteAll() {
    return carts.deleteAllRows();
  }

  private static CheckoutCart checkoutView(Cart cart) {
    String owner =
        cart.getCustomerId() != null ? "c:" + cart.getCustomerId() : "g:" + cart.getTokenHash();
    List<Item> items =
        cart.items().entrySet().stream()
            .map(e -> new Item(e.getKey(), e.getValue()))
            .sorted(Comparator.comparingLong(Item::productId))
            .toList();
    return new CheckoutCart(cart.getId(), cart.getCustomerId(), owner, items);
  }

  private Optional<Cart> resolve(
      HttpServletRequest request, HttpServletResponse response, boolean create) {
    Optional<Cart> cart = locate(request, response, create);
    cart.ifPresent(c -> CartExpiry.expire(c, clock.instant()));
    return cart;
  }

  private Optional<Cart> locate(
      HttpServletRequest request, HttpServletResponse response, boolean create) {
    var signedIn = current.find(request);
    String token = Cookies.read(request, CART_COOKIE);
    Optional<Cart> anonymous =
        Tokens.plausible(token) ? carts.findByTokenHash(Tokens.sha256(token)) : Optional.empty();
    if (signedIn.isEmpty()) {
      if (anonymous.isPresent() || !create) {
        return anonymous;
      }
      String fresh = Tokens.random();
      Cart cart = carts.save(Cart.anonymous(Tokens.sha256(fresh), clock.instant()));
      Cookies.write(
          response, CART_COOKIE, fresh, properties.cookieTtl(), properties.secureCookies());
      return Optional.of(cart);
    }
    long customerId = signedIn.get().id();
    Optional<Cart> own = carts.findByCustomerId(customerId);
    if (token != null) {
      Cookies.clear(response, CART_COOKIE, properties.secureCookies());
    }
    if (anonymous.isPresent()) {
      Cart cart = own.orElseGet(() -> Cart.ofCustomer(customerId, clock.instant()));
      cart.absorb(anonymous.get(), clock.instant());
      carts.delete(anonymous.get());
      carts.flush();
      return Optional.of(carts.save(cart));
    }
    if (own.isPresent() || !create) {
      return own;
    }
    return Optional.of(carts.save(Cart.ofCustomer(customerId, clock.instant())));
  }

  /** The product of the cart line a route names by {@code id} (see {@link LineRefs}). */
  private long line(Cart cart, long id) {
    long product = LineRefs.named(cart.getId(), id, cart.items().keySet(), clock.instant());
    if (product < 0 || cart.quantityOf(product) == 0) {
      throw notInCart(id);
    }
    return product;
  }

  private void check(Product product, int quantity) {
    if (quantity > Cart.MAX_QUANTITY) {
      throw new ApiException(
          ProblemType.VALIDATION,
          "at most " + Cart.MAX_QUANTITY + " units of one product per cart",
          Map.of("productId", product.getId()));
    }
    if (quantity > product.getStock()) {
      throw new ApiException(
          ProblemType.OUT_OF_STOCK,
          "only " + product.getStock() + " unit(s) of product " + product.getId() + " in stock",
          Map.of("productId", product.getId(), "available", product.getStock()));
    }
  }

  private CartView render(Cart cart) {
    Instant now = clock.instant();
    Map<Long, Product> byId =
        products.findAllById(cart.items().keySet()).stream()
            .collect(Collectors.toMap(Product::getId, Function.identity()));
    List<CartView.Line> lines =
        cart.items().entrySet().stream()
            .filter(e -> byId.containsKey(e.getKey()))
            .sorted(Map.Entry.comparingByKey())
            .map(
                e -> {
                  Product p = byId.get(e.getKey());
                  return new CartView.Line(
                      LineRefs.shown(cart.getId(), p.getId(), now),
                      p.getSku(),
                      p.getName(),
                      p.getPrice(),
                      e.getValue(),
                      pricing.lineTotal(p.getPrice(), e.getValue()),
                      p.getStock());
                })
            .toList();
    Pricing.Totals totals =
        pricing.totals(
            lines.stream().map(l -> new Pricing.Line(l.unitPrice(), l.quantity())).toList());
    return CartView.of(lines, totals);
  }

  private CartView emptyView() {
    return CartView.of(List.of(), pricing.totals(List.of()));
  }

  private static ApiException notFound(long productId) {
    return ApiException.notFound("product", productId);
  }

  private static ApiException notInCart(long productId) {
    return new ApiException(ProblemType.NOT_FOUND, "product " + productId + " is not in the cart");
  }
}
