package dev.perfshop.server.system.policy;

import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.order.PaymentLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Surrounds API requests: buffers bodies only while an anomaly that needs them is in the plan
 * (response corruption, card data in logs), applies them once the handler is done, and always
 * unbinds the request's chaos context and log fields at the end.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class RequestPolicyFilter extends OncePerRequestFilter {

  private static final ChaosType BODY_SIGNATURE = ChaosType.of("body-signature");
  private static final ChaosType CARD_DATA_IN_LOGS = ChaosType.of("card-data-in-logs");
  private static final ChaosType RESPONSE_CORRUPTION = ChaosType.of("response-corruption");

  private static final int BODY_LIMIT = 64 * 1024;

  private final PolicyBoard board;
  private final ResponseCompressor corruption;
  private final PaymentLog cardData;

  RequestPolicyFilter(PolicyBoard board, ResponseCompressor corruption, PaymentLog cardData) {
    this.board = board;
    this.corruption = corruption;
    this.cardData = cardData;
  }

  /** The buffered request body (body-signature), or an empty array. */
  static byte[] body(HttpServletRequest request) {
    return request.getAttribute(BufferedBody.ATTRIBUTE) instanceof byte[] b ? b : new byte[0];
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String uri = request.getRequestURI();
    return !uri.startsWith("/api/") || PolicyDecider.excludedPath(uri);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      PolicyPlan plan = board.plan();
      if (!plan.isEmpty()
          && plan.get(BODY_SIGNATURE) != null
          && !FormTokens.isSafe(request.getMethod())) {
        request = new BufferedBody(request, request.getInputStream().readNBytes(BODY_LIMIT));
      }
      if (plan.isEmpty()
          || (plan.get(RESPONSE_CORRUPTION) == null && plan.get(CARD_DATA_IN_LOGS) == null)) {
        chain.doFilter(request, response);
        return;
      }
      var cachedRequest = new ContentCachingRequestWrapper(request, BODY_LIMIT);
      var cachedResponse = new ContentCachingResponseWrapper(response);
      chain.doFilter(cachedRequest, cachedResponse);
      PolicyContext context = PolicyContext.of(cachedRequest);
      Activation card = context == null ? null : context.find(CARD_DATA_IN_LOGS);
      if (card != null) {
        cardData.log(card, cachedRequest);
      }
      Activation corrupt = context == null ? null : context.find(RESPONSE_CORRUPTION);
      if (corrupt != null && !response.isCommitted()) {
        byte[] body = corruption.corrupt(corrupt, cachedResponse.getContentAsByteArray(), response);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
      } else {
        cachedResponse.copyBodyToResponse();
      }
    } finally {
      PolicyContext.unbind();
    }
  }

  /** The replayed body, also kept as a request attribute for the assaults that check it. */
  private static final class BufferedBody extends dev.perfshop.server.system.ReplayedRequest {
    static final String ATTRIBUTE = BufferedBody.class.getName();

    BufferedBody(HttpServletRequest request, byte[] body) {
      super(request, body);
      request.setAttribute(ATTRIBUTE, body);
    }
  }
}
