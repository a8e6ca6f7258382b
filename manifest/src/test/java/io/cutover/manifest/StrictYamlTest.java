package io.cutover.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StrictYamlTest {

  @Test
  void duplicateKeysAtEveryDepthAreAllReportedWithPathsAndLines() {
    String yaml = """
        apiVersion: a
        apiVersion: b
        spec:
          source:
            credentials:
              sasl_scram:
                password: one
                password: two
          gateway:
            fence:
              routes: [r]
              routes: [s]
          topics:
            - name: x
              name: y
        """;
    StrictYaml.Document doc = StrictYaml.parse(yaml, "");
    assertEquals(List.of(
        "apiVersion: appears more than once (lines 1 and 2); a YAML mapping must not repeat a key, remove one",
        "spec.source.credentials.sasl_scram.password: appears more than once (lines 7 and 8); a YAML mapping must"
            + " not repeat a key, remove one",
        "spec.gateway.fence.routes: appears more than once (lines 11 and 12); a YAML mapping must not repeat a key,"
            + " remove one",
        "spec.topics[0].name: appears more than once (lines 14 and 15); a YAML mapping must not repeat a key, remove one"),
        doc.problems());
    assertEquals("a", doc.root().get("apiVersion").asText(), "the first value is kept so other checks still run");
    assertFalse(doc.ok());
  }

  @Test
  void syntaxErrorReportsPositionButNeverTheLine() {
    String yaml = "sasl_plain:\n  username: u\n  password: hunter2-do-not-echo: oops\n";
    StrictYaml.Document doc = StrictYaml.parse(yaml, "");
    assertNull(doc.root());
    assertEquals(1, doc.problems().size());
    String problem = doc.problems().get(0);
    assertTrue(problem.startsWith("line 3, column "), problem);
    assertFalse(problem.contains("hunter2"), problem);
    assertFalse(problem.contains("username"), problem);
  }

  @Test
  void unclosedQuoteDoesNotEchoTheQuotedSecret() {
    StrictYaml.Document doc = StrictYaml.parse("a: 1\npassword: \"unterminated-secret-value\n", "");
    assertEquals(1, doc.problems().size(), doc.problems().toString());
    assertFalse(doc.problems().get(0).contains("unterminated-secret"), doc.problems().get(0));
  }

  @Test
  void aliasesMultipleDocumentsAndEmptyTextAreRefused() {
    assertEquals(List.of("b: YAML aliases (*name) are not supported here; write the value out in full"),
        StrictYaml.parse("a: &x 1\nb: *x\n", "").problems());
    assertTrue(StrictYaml.parse("a: 1\n---\nb: 2\n", "").problems().get(0).contains("more than one YAML document"));
    assertEquals(List.of("the document is empty"), StrictYaml.parse("# only a comment\n", "").problems());
  }

  @Test
  void pathPrefixIsPrependedToProblemPaths() {
    StrictYaml.Document doc = StrictYaml.parse("x: 1\nx: 2\n", "spec.source.credentials.");
    assertTrue(doc.problems().get(0).startsWith("spec.source.credentials.x: appears more than once"),
        doc.problems().toString());
  }

  @Test
  void scalarTypesFollowYaml() {
    StrictYaml.Document doc = StrictYaml.parse("i: 10\nq: '10'\nb: true\nn: ~\nd: 1.5\n", "");
    assertTrue(doc.ok());
    assertTrue(doc.root().get("i").isIntegralNumber());
    assertTrue(doc.root().get("q").isTextual(), "a quoted number is a string");
    assertTrue(doc.root().get("b").isBoolean());
    assertTrue(doc.root().get("n").isNull());
    assertTrue(doc.root().get("d").isNumber());
  }
}
