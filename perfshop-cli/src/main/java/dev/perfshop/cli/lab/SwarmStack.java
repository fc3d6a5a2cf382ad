package dev.perfshop.cli.lab;

import dev.perfshop.cli.ExitCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The compose model (profile core) as a Docker Swarm stack for {@code docker stack deploy}: one
 * stack per class group ({@code perfshop-<group>}), each with its own overlay network, volumes and
 * secrets. What Swarm does differently from compose:
 *
 * <ul>
 *   <li>{@code endpoint_mode: dnsrr} on every service: a service name resolves to its tasks'
 *       addresses. The default VIP mode needs the engine's iptables/IPVS rules; with dockerd
 *       started with {@code --iptables=false} a VIP accepts no connection (see docs/scale.md).
 *   <li>published ports in {@code mode: host} (the ingress routing mesh is VIP-based too, and dnsrr
 *       services cannot use it); only the shop (server and nginx) is published.
 *   <li>{@code mem_limit} becomes {@code deploy.resources.limits.memory}; {@code restart} a restart
 *       policy; {@code depends_on} does not exist (the server restarts until the database answers);
 *       bind-mounted config files become Swarm configs; no builds (images must exist).
 *   <li>{@code perfshop-monitor} is left out: it reads one engine's containers through its socket
 *       by compose project.
 * </ul>
 */
public final class SwarmStack {

  static final List<String> SERVICES = List.of("mysql", "perfshop-server", "nginx");
  static final List<String> PUBLISHED = List.of("SERVER_PORT", "WEB_PORT");
  private static final Pattern VAR = Pattern.compile("\\$\\{(\\w+)(?::-([^}]*))?}");

  private SwarmStack() {}

  /** The stack name of a group. */
  public static String stack(String group) {
    return "perfshop-" + group;
  }

  /**
   * The stack file of one group. {@code env} holds what compose reads from .env: images, ports,
   * secrets, LAB_BIND.
   */
  @SuppressWarnings("unchecked")
  public static String render(Templates templates, Map<String, String> env) {
    ObjectMapper yaml = YAMLMapper.builder().build();
    Map<String, Object> core =
        yaml.readValue(
            new String(templates.read("compose.core.yaml"), StandardCharsets.UTF_8), Map.class);
    Map<String, Object> services = (Map<String, Object>) core.get("services");
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> stackServices = new LinkedHashMap<>();
    Map<String, Object> configs = new LinkedHashMap<>();
    for (String name : SERVICES) {
      Map<String, Object> src = (Map<String, Object>) services.get(name);
      if (src == null) {
        throw new LabException(ExitCodes.FAILURE, "compose.core.yaml has no service " + name);
      }
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("image", substitute((String) src.get("image"), env));
      if (src.containsKey("command")) {
        s.put("command", substituteAll(src.get("command"), env));
      }
      if (src.containsKey("environment")) {
        Map<String, Object> e = new LinkedHashMap<>();
        ((Map<String, Object>) src.get("environment"))
            .forEach((k, v) -> e.put(k, substitute(String.valueOf(v), env)));
        s.put("environment", e);
      }
      if (src.containsKey("healthcheck")) {
        // Swarm replaces an unhealthy task (compose only reports it): a slow first start (a
        // loaded node, Flyway on an empty database) gets 10 minutes before failures count.
        Map<String, Object> health =
            new LinkedHashMap<>((Map<String, Object>) src.get("healthcheck"));
        health.put("start_period", "600s");
        s.put("healthcheck", health);
      }
      // The YAML reader keeps `*logging` as the alias name: use the x-logging block it names.
      Object logging = src.get("logging");
      s.put("logging", logging instanceof String ? core.get("x-logging") : logging);
      List<Object> volumes = new ArrayList<>();
      List<Object> serviceConfigs = new ArrayList<>();
      for (Object v : (List<Object>) src.getOrDefault("volumes", List.of())) {
        String spec = v.toString();
        if (spec.startsWith("./")) {
          String[] parts = spec.split(":");
          String config = parts[0].substring(2).replaceAll("[^A-Za-z0-9]+", "-");
          configs.put(config, Map.of("file", parts[0]));
          serviceConfigs.add(Map.of("source", config, "target", parts[1]));
        } else {
          volumes.add(spec);
        }
      }
      if (!volumes.isEmpty()) {
        s.put("volumes", volumes);
      }
      if (!serviceConfigs.isEmpty()) {
        s.put("configs", serviceConfigs);
      }
      List<Object> ports = new ArrayList<>();
      for (Object p : (List<Object>) src.getOrDefault("ports", List.of())) {
        String spec = p.toString(); // "${LAB_BIND}:${WEB_PORT}:80"
        Matcher m = Pattern.compile("\\$\\{(\\w+_PORT)}:(\\d+)$").matcher(spec);
        if (m.find() && PUBLISHED.contains(m.group(1))) {
          Map<String, Object> port = new LinkedHashMap<>();
          port.put("target", Integer.parseInt(m.group(2)));
          port.put("published", Integer.parseInt(env.get(m.group(1))));
          port.put("protocol", "tcp");
          port.put("mode", "host");
          ports.add(port);
        }
      }
      if (!ports.isEmpty()) {
        s.put("ports", ports);
      }
      Map<String, Object> deploy = new LinkedHashMap<>();
      deploy.put("endpoint_mode", "dnsrr");
      deploy.put("replicas", 1);
      deploy.put("restart_policy", Map.of("condition", "any", "delay", "5s", "window", "120s"));
      deploy.put(
          "resources",
          Map.of("limits", Map.of("memory", String.valueOf(src.get("mem_limit")).toUpperCase())));
      s.put("deploy", deploy);
      stackServices.put(name, s);
    }
    out.put("version", "3.8");
    out.put("services", stackServices);
    Map<String, Object> volumes = new LinkedHashMap<>();
    ((Map<String, Object>) core.getOrDefault("volumes", Map.of()))
        .keySet()
        .forEach(v -> volumes.put(v, Map.of()));
    out.put("volumes", volumes);
    out.put("configs", configs);
    return "# Rendered by perfshop lab render --target swarm / lab up --swarm from the compose model\n"
        + "# (profile core). Deploy: docker stack deploy --resolve-image never -c stack.yaml <name>\n"
        + yaml.writeValueAsString(out).replaceFirst("^---\\n", "");
  }

  private static Object substituteAll(Object value, Map<String, String> env) {
    if (value instanceof List<?> l) {
      return l.stream().map(o -> substitute(String.valueOf(o), env)).toList();
    }
    return substitute(String.valueOf(value), env);
  }

  /** compose's ${VAR} and ${VAR:-default}; a literal $ stays $$ (stack deploy interpolates). */
  static String substitute(String text, Map<String, String> env) {
    Matcher m = VAR.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String value = env.get(m.group(1));
      if (value == null) {
        value = m.group(2);
      }
      if (value == null) {
        throw new LabException(ExitCodes.FAILURE, "no value for ${" + m.group(1) + "}");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value.replace("$", "$$")));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Writes the stack of one group into {@code dir}: stack.yaml (mode 600) and its configs. */
  public static Path write(Templates templates, Map<String, String> env, Path dir)
      throws IOException {
    Files.createDirectories(dir.resolve("config/nginx"));
    Files.write(
        dir.resolve("config/nginx/default.conf"), templates.read("config/nginx/default.conf"));
    Path stack = dir.resolve("stack.yaml");
    Files.writeString(stack, render(templates, env));
    Workspace.restrict(stack);
    return stack;
  }
}
