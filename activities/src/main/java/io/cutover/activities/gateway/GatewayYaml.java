package io.cutover.activities.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Reads a Gateway CR file: exactly one YAML mapping, large integers exact, no aliases. */
final class GatewayYaml {
  private GatewayYaml() {}

  static final ObjectMapper YAML = YAMLMapper.builder()
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();

  /** Why a file is not a usable CR; the message names the fix. */
  static final class Invalid extends Exception {
    Invalid(String message) {
      super(message);
    }
  }

  /**
   * Parses one YAML document into a mapping.
   *
   * @throws Invalid when it is blank, does not parse, holds several documents, uses aliases (the
   *     YAML reader would turn {@code *name} into the string "name", silently changing the CR), or
   *     is not a non-empty mapping
   */
  static ObjectNode parse(String yaml, String role) throws Invalid {
    if (yaml == null || yaml.isBlank()) {
      throw new Invalid("the " + role + " gateway CR is empty");
    }
    List<String> aliases = aliases(yaml, role);
    if (!aliases.isEmpty()) {
      throw new Invalid("the " + role + " gateway CR uses YAML aliases (" + String.join(", ", aliases)
          + "), which the cutover does not expand; write those values out in full");
    }
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNextValue()) {
        docs.add(it.nextValue());
      }
    } catch (IOException | RuntimeException e) {
      throw new Invalid("the " + role + " gateway CR does not parse as YAML: " + message(e));
    }
    docs.removeIf(d -> d == null || d.isNull() || d.isMissingNode());
    if (docs.size() > 1) {
      throw new Invalid("the " + role + " gateway CR file holds " + docs.size()
          + " YAML documents; keep only the Gateway CR in it");
    }
    if (docs.isEmpty() || !(docs.get(0) instanceof ObjectNode o) || o.isEmpty()) {
      throw new Invalid("the " + role + " gateway CR contains no fields; it must be a Gateway CR (a YAML mapping)");
    }
    return o;
  }

  private static List<String> aliases(String yaml, String role) throws Invalid {
    TreeSet<String> found = new TreeSet<>();
    try (JsonParser p = YAML.getFactory().createParser(yaml)) {
      while (p.nextToken() != null) {
        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
          found.add("*" + p.getText());
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new Invalid("the " + role + " gateway CR does not parse as YAML: " + message(e));
    }
    return List.copyOf(found);
  }

  private static String message(Exception e) {
    String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    if (e instanceof JsonProcessingException j && j.getLocation() != null) {
      m += " (line " + j.getLocation().getLineNr() + ")";
    }
    return m;
  }
}
