package dev.perfshop.server.signals;

import dev.perfshop.server.order.PaymentGateway;
import java.lang.reflect.Method;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spans for the shop's controllers, services and payment gateway, as the OpenTelemetry agent names
 * controller spans ({@code CatalogController.product}). Outside a traced request a call costs one
 * thread-local read.
 */
final class MethodSpans implements MethodInterceptor {

  private static final String SHOP = "dev.perfshop.server.";

  /**
   * The shop's own gateway, by name: a class proxy of any other implementation (a test seam whose
   * fields its tests read) would hide those fields behind the proxy.
   */
  static final String GATEWAY = SHOP + "order.SimulatedPaymentGateway";

  private final TraceRecorder recorder;

  MethodSpans(TraceRecorder recorder) {
    this.recorder = recorder;
  }

  static DefaultPointcutAdvisor advisor(TraceRecorder recorder) {
    StaticMethodMatcherPointcut pointcut =
        new StaticMethodMatcherPointcut() {
          @Override
          public boolean matches(Method method, Class<?> targetClass) {
            if (method.getDeclaringClass() == Object.class) {
              return false;
            }
            // Handler methods are often package-private; CGLIB proxies still reach them.
            return java.lang.reflect.Modifier.isPublic(method.getModifiers())
                || AnnotatedElementUtils.hasAnnotation(method, RequestMapping.class);
          }
        };
    pointcut.setClassFilter(MethodSpans::shopComponent);
    DefaultPointcutAdvisor advisor =
        new DefaultPointcutAdvisor(pointcut, new MethodSpans(recorder));
    advisor.setOrder(0);
    return advisor;
  }

  static boolean shopComponent(Class<?> type) {
    String name = type.getName();
    if (!name.startsWith(SHOP)
        || name.startsWith(SHOP + "chaos.")
        || name.startsWith(SHOP + "signals.")
        || name.startsWith(SHOP + "stats.")
        || name.startsWith(SHOP + "admin.")) {
      return false;
    }
    return AnnotatedElementUtils.hasAnnotation(type, RestController.class)
        || AnnotatedElementUtils.hasAnnotation(type, Service.class)
        || (GATEWAY.equals(name) && PaymentGateway.class.isAssignableFrom(type));
  }

  @Override
  public Object invoke(MethodInvocation invocation) throws Throwable {
    if (!recorder.tracing()) {
      // Nobody watches (the usual case): no name built, nothing allocated.
      return invocation.proceed();
    }
    Class<?> type = AopUtils.getTargetClass(invocation.getThis());
    boolean client = PaymentGateway.class.isAssignableFrom(type);
    TraceRecorder.Open span =
        recorder.open(
            type.getSimpleName() + "." + invocation.getMethod().getName(),
            client ? "client" : "internal");
    if (span == null) {
      return invocation.proceed();
    }
    if (client) {
      span.attributes.put("peer.service", "payment-gateway");
    }
    Throwable error = null;
    try {
      return invocation.proceed();
    } catch (Throwable e) {
      error = e;
      throw e;
    } finally {
      recorder.close(span, error);
    }
  }
}
