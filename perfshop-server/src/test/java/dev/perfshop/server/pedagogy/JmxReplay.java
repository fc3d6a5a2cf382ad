package dev.perfshop.server.pedagogy;

import java.io.ByteArrayInputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Replays the HTTP samplers of a JMeter plan as JMeter would run them, for one thread: the loop
 * count, a cookie manager, each sampler's header manager and raw body, Regular Expression
 * Extractors on response headers, and the functions {@code __P}, {@code __UUID} and {@code ${var}}.
 * Enough for the starter plans; anything else in a plan is an error, not silently skipped.
 */
final class JmxReplay {

  private static final Pattern FUNCTION =
      Pattern.compile("\\$\\{(__P\\(([^,)]*),([^)]*)\\)|__UUID\\(\\)|[A-Za-z_][A-Za-z0-9_]*)}");

  private final Document plan;
  private final Map<String, String> properties;
  private final Map<String, String> vars = new HashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

  /** The statuses of every sample, in order. */
  final List<String> samples = new ArrayList<>();

  JmxReplay(String jmx, Map<String, String> properties) throws Exception {
    var factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    this.plan =
        factory
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(jmx.getBytes(StandardCharsets.UTF_8)));
    this.properties = properties;
    for (Element arg : children(prop(first("TestPlan"), "TestPlan.user_defined_variables"), null)) {
      for (Element e : elements(arg, "elementProp")) {
        vars.put(string(e, "Argument.name"), string(e, "Argument.value"));
      }
    }
  }

  /** Runs the thread group's loops; returns how many checkouts (POST /api/orders) got a 201. */
  int run() throws Exception {
    Element group = first("ThreadGroup");
    if (!"continue".equals(string(group, "ThreadGroup.on_sample_error"))) {
      // the replay goes on after a refused sample, as JMeter does with "Continue"
      throw new IllegalArgumentException("only on_sample_error=continue is replayed");
    }
    int loops =
        Integer.parseInt(
            eval(string(prop(group, "ThreadGroup.main_controller"), "LoopController.loops")));
    Element tree = next(group);
    int placed = 0;
    for (int i = 0; i < loops; i++) {
      for (Element sampler : direct(tree, "HTTPSamplerProxy")) {
        if ("false".equals(sampler.getAttribute("enabled"))) {
          continue;
        }
        HttpResponse<String> r = sample(sampler, next(sampler));
        String path = string(sampler, "HTTPSampler.path");
        samples.add(string(sampler, "HTTPSampler.method") + " " + path + " " + r.statusCode());
        if (path.equals("/api/orders") && r.statusCode() == 201) {
          placed++;
        }
      }
    }
    return placed;
  }

  private HttpResponse<String> sample(Element sampler, Element children) throws Exception {
    String url =
        "http://"
            + eval(string(sampler, "HTTPSampler.domain"))
            + ":"
            + eval(string(sampler, "HTTPSampler.port"))
            + eval(string(sampler, "HTTPSampler.path"));
    String method = string(sampler, "HTTPSampler.method");
    String body = null;
    Element args = prop(sampler, "HTTPsampler.Arguments");
    if (args != null) {
      for (Element a : elements(args, "elementProp")) {
        body = eval(string(a, "Argument.value"));
      }
    }
    for (Element child : direct(children, null)) {
      switch (child.getTagName()) {
        case "HeaderManager", "RegexExtractor" -> {}
        default -> throw new IllegalArgumentException("not replayed: " + child.getTagName());
      }
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    for (Element hm : direct(children, "HeaderManager")) {
      for (Element h : elements(hm, "elementProp")) {
        String value = eval(string(h, "Header.value"));
        if (!value.isEmpty()) {
          b.header(string(h, "Header.name"), value);
        }
      }
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    StringBuilder headers = new StringBuilder("HTTP/1.1 " + r.statusCode() + "\n");
    r.headers()
        .map()
        .forEach((k, vs) -> vs.forEach(v -> headers.append(k).append(": ").append(v).append('\n')));
    for (Element x : direct(children, "RegexExtractor")) {
      if (!"true".equals(string(x, "RegexExtractor.useHeaders"))) {
        throw new IllegalArgumentException("only header extractors are replayed");
      }
      Matcher m = Pattern.compile(string(x, "RegexExtractor.regex")).matcher(headers);
      String refname = string(x, "RegexExtractor.refname");
      if (m.find()) {
        vars.put(refname, m.group(1));
      } else if (!string(x, "RegexExtractor.default").isEmpty()) {
        vars.put(refname, string(x, "RegexExtractor.default"));
      }
    }
    return r;
  }

  String eval(String s) {
    Matcher m = FUNCTION.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value;
      if (m.group(2) != null) {
        value = eval(properties.getOrDefault(m.group(2), m.group(3)));
      } else if (m.group(1).equals("__UUID()")) {
        value = UUID.randomUUID().toString();
      } else if (vars.containsKey(m.group(1))) {
        value = eval(vars.get(m.group(1)));
      } else {
        // as JMeter: an unknown variable stays as written
        value = m.group(0);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private Element first(String tag) {
    return (Element) plan.getElementsByTagName(tag).item(0);
  }

  /** The hashTree that follows an element (its children in JMeter's tree). */
  private static Element next(Element e) {
    Node n = e.getNextSibling();
    while (n != null && !(n instanceof Element)) {
      n = n.getNextSibling();
    }
    return (Element) n;
  }

  private static List<Element> direct(Element tree, String tag) {
    List<Element> out = new ArrayList<>();
    for (Node n = tree.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && !e.getTagName().equals("hashTree")
          && (tag == null || e.getTagName().equals(tag))) {
        out.add(e);
      }
    }
    return out;
  }

  private static List<Element> children(Element e, String tag) {
    return direct(e, tag);
  }

  private static List<Element> elements(Element e, String tag) {
    List<Element> out = new ArrayList<>();
    var list = e.getElementsByTagName(tag);
    for (int i = 0; i < list.getLength(); i++) {
      out.add((Element) list.item(i));
    }
    return out;
  }

  private static Element prop(Element e, String name) {
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c && name.equals(c.getAttribute("name"))) {
        return c;
      }
    }
    return null;
  }

  private static String string(Element e, String name) {
    Element p = prop(e, name);
    return p == null ? "" : p.getTextContent();
  }
}
