package dev.perfshop.server.system;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The OpenAPI document says which response fields are always there. A record's components are
 * written unless null ({@code default-property-inclusion: non_null}), so in the schema of a record
 * the server answers, every component is {@code required} except those typed {@link Nullable}. The
 * web client's generated types then say {@code field: T} or {@code field?: T} as the server
 * answers. Schemas that are (also) read from a request keep the required list Bean Validation gives
 * them ({@code @NotNull}, {@code @NotBlank}…): a client may leave the other fields out.
 */
@Component
class RecordsRequireTheirComponents implements ModelConverter, OpenApiCustomizer {

  /** Marks, during resolution, the names this rule added (removed again for request bodies). */
  static final String ADDED = "x-required-by-record";

  @Override
  public Schema<?> resolve(
      AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
    Schema<?> schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
    if (schema == null || type.getType() == null) {
      return schema;
    }
    Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
    if (!raw.isRecord()) {
      return schema;
    }
    Schema<?> model =
        schema.get$ref() != null
            ? context.getDefinedModels().get(refName(schema.get$ref()))
            : schema;
    if (model != null && model.getProperties() != null) {
      requireComponents(raw, model);
    }
    return schema;
  }

  @Override
  public void customise(OpenAPI openApi) {
    if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
      return;
    }
    Map<String, Schema> schemas = openApi.getComponents().getSchemas();
    Set<String> read = readFromRequests(openApi, schemas);
    schemas.forEach(
        (name, schema) -> {
          Object added =
              schema.getExtensions() == null ? null : schema.getExtensions().remove(ADDED);
          if (schema.getExtensions() != null && schema.getExtensions().isEmpty()) {
            schema.setExtensions(null);
          }
          if (read.contains(name)
              && added instanceof List<?> names
              && schema.getRequired() != null) {
            schema.getRequired().removeAll(names);
            if (schema.getRequired().isEmpty()) {
              schema.setRequired(null);
            }
          }
        });
  }

  @SuppressWarnings("unchecked")
  private static void requireComponents(Class<?> record, Schema<?> schema) {
    List<String> added = new ArrayList<>();
    if (schema.getExtensions() != null && schema.getExtensions().get(ADDED) instanceof List<?> l) {
      added.addAll((List<String>) l);
    }
    for (RecordComponent component : record.getRecordComponents()) {
      String name = component.getName();
      boolean nullable = component.getAnnotatedType().isAnnotationPresent(Nullable.class);
      boolean listed = schema.getRequired() != null && schema.getRequired().contains(name);
      if (!nullable && !listed && schema.getProperties().containsKey(name)) {
        schema.addRequiredItem(name);
        added.add(name);
      }
    }
    if (!added.isEmpty()) {
      schema.addExtension(ADDED, added);
    }
  }

  /** The schemas a request body refers to, directly or through other schemas. */
  private static Set<String> readFromRequests(OpenAPI openApi, Map<String, Schema> schemas) {
    Deque<Schema<?>> todo = new ArrayDeque<>();
    if (openApi.getPaths() != null) {
      openApi
          .getPaths()
          .values()
          .forEach(
              item -> {
                for (Operation op : item.readOperations()) {
                  if (op.getRequestBody() != null) {
                    Content content = op.getRequestBody().getContent();
                    if (content != null) {
                      content.values().forEach(media -> push(todo, media.getSchema()));
                    }
                  }
                }
              });
    }
    Set<String> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      Schema<?> schema = todo.pop();
      if (schema.get$ref() != null) {
        String name = refName(schema.get$ref());
        if (seen.add(name)) {
          push(todo, schemas.get(name));
        }
        continue;
      }
      if (schema.getProperties() != null) {
        schema.getProperties().values().forEach(p -> push(todo, p));
      }
      push(todo, schema.getItems());
      if (schema.getAdditionalProperties() instanceof Schema<?> values) {
        push(todo, values);
      }
      for (List<Schema> parts :
          Arrays.asList(schema.getAllOf(), schema.getOneOf(), schema.getAnyOf())) {
        if (parts != null) {
          parts.forEach(p -> push(todo, p));
        }
      }
    }
    return seen;
  }

  private static void push(Deque<Schema<?>> todo, Schema<?> schema) {
    if (schema != null) {
      todo.push(schema);
    }
  }

  private static String refName(String ref) {
    return ref.substring(ref.lastIndexOf('/') + 1);
  }
}
