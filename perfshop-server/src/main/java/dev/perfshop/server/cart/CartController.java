package dev.perfshop.server.cart;

import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.function.Supplier;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/cart", produces = MediaType.APPLICATION_JSON_VALUE)
class CartController {

  private final CartService carts;

  CartController(CartService carts) {
    this.carts = carts;
  }

  @GetMapping
  CartView cart(HttpServletRequest request, HttpServletResponse response) {
    return guarded(() -> carts.view(request, response));
  }

  @DeleteMapping
  ResponseEntity<Void> clear(HttpServletRequest request, HttpServletResponse response) {
    guarded(
        () -> {
          carts.clear(request, response);
          return null;
        });
    return ResponseEntity.noContent().build();
  }

  @PostMapping(path = "/items", consumes = MediaType.APPLICATION_JSON_VALUE)
  CartView add(
      @Valid @RequestBody NewItem item, HttpServletRequest request, HttpServletResponse response) {
    return guarded(() -> carts.add(request, response, item.productId(), item.quantity()));
  }

  @PutMapping(path = "/items/{productId}", consumes = MediaType.APPLICATION_JSON_VALUE)
  CartView setQuantity(
      @PathVariable("productId") long productId,
      @Valid @RequestBody Quantity body,
      HttpServletRequest request,
      HttpServletResponse response) {
    return guarded(() -> carts.setQuantity(request, response, productId, body.quantity()));
  }

  @DeleteMapping("/items/{productId}")
  CartView remove(
      @PathVariable("productId") long productId,
      HttpServletRequest request,
      HttpServletResponse response) {
    return guarded(() -> carts.remove(request, response, productId));
  }

  /** Two requests changing one cart at the same instant: the loser is told to retry. */
  private static <T> T guarded(Supplier<T> action) {
    try {
      return action.get();
    } catch (DataIntegrityViolationException e) {
      throw new ApiException(ProblemType.CONFLICT, "the cart changed concurrently; retry");
    }
  }

  record NewItem(
      @NotNull @Min(1) Long productId, @NotNull @Min(1) @Max(Cart.MAX_QUANTITY) Integer quantity) {}

  record Quantity(@NotNull @Min(1) @Max(Cart.MAX_QUANTITY) Integer quantity) {}
}
