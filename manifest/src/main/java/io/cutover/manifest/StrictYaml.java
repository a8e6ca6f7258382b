package io.cutover.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one YAML document into a Jackson tree, strictly: a key written twice in the same mapping is
 * a problem (every one is reported, with its field path and lines), as are aliases and multiple
 * documents. A syntax error is reported by line and column only: the offending line is never
 * quoted, because manifests and credential files may hold secrets. The one YAML reader of the
 * project: the CLI reads manifests, credential documents and the switchover Gateway CR with it, and
 * the worker reads that CR again with it at VALIDATE and SWITCH (docs/manifest.md, "Reading
 * rules").
 */
public final class StrictYaml {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  // Source excerpts in locations would quote the file: keep them off whatever the Jackson default.
  // yes/no/on/off stay strings (YAML 1.2, as kcp reads them); an empty value is null, not "".
  private static final YAMLFactory FACTORY =
      YAMLFactory.builder()
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
          .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
          .build();

  private StrictYaml() {}

  /**
   * The parsed document.
   *
   * @param root the tree; null when the text is not valid YAML
   * @param problems duplicate keys, aliases, syntax errors; each starts with a field path or "line
   *     N"
   */
  public record Document(JsonNode root, List<String> problems) {
    public Document {
      problems = List.copyOf(problems);
    }

    public boolean ok() {
      return root != null && problems.isEmpty();
    }
  }

  /**
   * Parses {@code text}. Never throws for bad input: every problem is in the result.
   *
   * @param text the YAML text
   * @param pathPrefix prepended to field paths in problems (e.g. {@code
   *     "spec.source.credentials."}); may be empty
   */
  public static Document parse(String text, String pathPrefix) {
    List<String> problems = new ArrayList<>();
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        problems.add("the document is empty");
        return new Document(null, problems);
      }
      JsonNode root = read(p, pathPrefix, problems);
      if (p.nextToken() != null) {
        problems.add(
            "the file holds more than one YAML document (a \"---\" separator); keep one document");
      }
      return new Document(root, problems);
    } catch (IOException | RuntimeException e) {
      problems.add(describeSyntaxError(e));
      return new Document(null, problems);
    }
  }

  /**
   * Parses {@code text} as a Kubernetes object file: one YAML mapping with at least one field.
   * Never throws for bad input.
   *
   * @return the document; its root is null when there is a problem of shape (blank text, a scalar
   *     or a list, an empty mapping) besides those of {@link #parse}
   */
  public static Document mapping(String text, String pathPrefix) {
    if (text == null || text.isBlank()) {
      return new Document(null, List.of("the document is empty"));
    }
    Document doc = parse(text, pathPrefix);
    if (doc.root() != null && (!(doc.root() instanceof ObjectNode o) || o.isEmpty())) {
      List<String> problems = new ArrayList<>(doc.problems());
      problems.add("the document contains no fields: it must be a YAML mapping (key: value lines)");
      return new Document(null, problems);
    }
    return doc;
  }

  private static JsonNode read(JsonParser p, String path, List<String> problems)
      throws IOException {
    JsonToken t = p.currentToken();
    if (p instanceof YAMLParser yp && yp.isCurrentAlias()) {
      problems.add(
          display(path)
              + ": YAML aliases (*name) are not supported here; write the value out in full");
      return NODES.nullNode();
    }
    switch (t) {
      case START_OBJECT:
        return readObject(p, path, problems);
      case START_ARRAY:
        ArrayNode array = NODES.arrayNode();
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          array.add(read(p, path + "[" + i + "]", problems));
          i++;
        }
        return array;
      case VALUE_STRING:
        return NODES.textNode(p.getText());
      case VALUE_NUMBER_INT:
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? NODES.numberNode(p.getBigIntegerValue())
            : NODES.numberNode(p.getLongValue());
      case VALUE_NUMBER_FLOAT:
        // Exact: a Gateway CR is written back to the API server, so 1.50 stays 1.50 (not 1.5).
        return DecimalNode.valueOf(p.getDecimalValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        problems.add(
            display(path)
                + ": unsupported YAML value (binary or tagged data); write a plain value");
        return NODES.nullNode();
    }
  }

  private static ObjectNode readObject(JsonParser p, String path, List<String> problems)
      throws IOException {
    ObjectNode object = NODES.objectNode();
    Map<String, Integer> lines = new HashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      int line = p.currentTokenLocation().getLineNr();
      String childPath = FieldPaths.child(path, key);
      p.nextToken();
      JsonNode value = read(p, childPath, problems);
      Integer firstLine = lines.putIfAbsent(key, line);
      if (firstLine != null) {
        // The first value is kept so later checks still run; the duplicate itself is the problem.
        problems.add(
            display(childPath)
                + ": appears more than once (lines "
                + firstLine
                + " and "
                + line
                + "); a YAML mapping must not repeat a key, remove one");
      } else {
        object.set(key, value);
      }
    }
    return object;
  }

  private static String display(String path) {
    return path.isEmpty() ? "(document root)" : path;
  }

  /**
   * Describes a YAML syntax error by position and the parser's short description. The SnakeYAML
   * exception's own message would include a snippet of the line, so it is never used.
   */
  static String describeSyntaxError(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof org.yaml.snakeyaml.error.MarkedYAMLException m
          && m.getProblemMark() != null) {
        String what = m.getProblem() == null ? "syntax error" : hideQuoted(m.getProblem());
        String context = m.getContext() == null ? "" : " (" + hideQuoted(m.getContext()) + ")";
        return "line "
            + (m.getProblemMark().getLine() + 1)
            + ", column "
            + (m.getProblemMark().getColumn() + 1)
            + ": not valid YAML: "
            + what
            + context
            + " [the line is not shown: the file may hold credentials]";
      }
    }
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
        && j.getLocation() != null) {
      return "line "
          + j.getLocation().getLineNr()
          + ", column "
          + j.getLocation().getColumnNr()
          + ": not valid YAML [details are not shown: the file may hold credentials]";
    }
    return "not valid YAML [details are not shown: the file may hold credentials]";
  }

  /**
   * Parser descriptions may quote a scalar ('found unexpected ...'): keep only very short quotes.
   */
  private static String hideQuoted(String s) {
    return s.replaceAll("'[^']{4,}'", "'…'")
        .replaceAll("\"[^\"]{4,}\"", "\"…\"")
        .replace('\n', ' ');
  }
}
