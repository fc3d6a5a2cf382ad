package dev.perfshop.cli.lab.helm;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict validation of rendered manifests against the Kubernetes API types (the fabric8
 * kubernetes-model classes, generated from the Kubernetes OpenAPI schemas). Jackson's
 * FAIL_ON_UNKNOWN_PROPERTIES alone is not strict here: every fabric8 type has a JsonAnySetter that
 * swallows unknown fields into {@code additionalProperties}. So after binding, every object of the
 * tree must have an empty {@code additionalProperties}: an unknown field anywhere fails.
 */
final class KubeSchema {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
          .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

  private static final Map<String, Class<? extends KubernetesResource>> KINDS =
      Map.ofEntries(
          Map.entry("v1/Namespace", io.fabric8.kubernetes.api.model.Namespace.class),
          Map.entry("v1/ResourceQuota", io.fabric8.kubernetes.api.model.ResourceQuota.class),
          Map.entry("v1/LimitRange", io.fabric8.kubernetes.api.model.LimitRange.class),
          Map.entry("v1/Secret", io.fabric8.kubernetes.api.model.Secret.class),
          Map.entry("v1/ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class),
          Map.entry("v1/Service", io.fabric8.kubernetes.api.model.Service.class),
          Map.entry(
              "v1/PersistentVolumeClaim",
              io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class),
          Map.entry("apps/v1/Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class),
          Map.entry("batch/v1/Job", io.fabric8.kubernetes.api.model.batch.v1.Job.class),
          Map.entry(
              "networking.k8s.io/v1/NetworkPolicy",
              io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class),
          Map.entry(
              "networking.k8s.io/v1/Ingress",
              io.fabric8.kubernetes.api.model.networking.v1.Ingress.class));

  private KubeSchema() {}

  /** Binds one manifest to its API type; throws with the path of the first unknown field. */
  static KubernetesResource validate(Map<String, Object> manifest) {
    String key = manifest.get("apiVersion") + "/" + manifest.get("kind");
    Class<? extends KubernetesResource> type = KINDS.get(key);
    if (type == null) {
      throw new IllegalArgumentException("no API type known for " + key);
    }
    KubernetesResource bound;
    try {
      bound = MAPPER.convertValue(manifest, type);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
    }
    List<String> unknown = new ArrayList<>();
    walk(bound, key, unknown, new IdentityHashMap<>());
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(key + ": unknown fields " + unknown);
    }
    return bound;
  }

  private static void walk(
      Object node, String path, List<String> unknown, IdentityHashMap<Object, Boolean> seen) {
    if (node == null || seen.put(node, Boolean.TRUE) != null) {
      return;
    }
    if (node instanceof Collection<?> c) {
      int i = 0;
      for (Object o : c) {
        walk(o, path + "[" + i++ + "]", unknown, seen);
      }
      return;
    }
    if (node instanceof Map<?, ?> m) {
      for (var e : m.entrySet()) {
        walk(e.getValue(), path + "." + e.getKey(), unknown, seen);
      }
      return;
    }
    if (!node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method getter : node.getClass().getMethods()) {
      if (getter.getParameterCount() != 0
          || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get")
          || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value;
      try {
        value = getter.invoke(node);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      if (getter.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          extra.keySet().forEach(k -> unknown.add(path + "." + k));
        }
        continue;
      }
      String field =
          Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
      walk(value, path + "." + field, unknown, seen);
    }
  }
}
