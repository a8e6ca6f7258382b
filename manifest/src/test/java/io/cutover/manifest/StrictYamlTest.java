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
    String yaml =
        """
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
    assertEquals(
        List.of(
            "apiVersion: appears more than once (lines 1 and 2); a YAML mapping must not repeat a key, remove one",
            "spec.source.credentials.sasl_scram.password: appears more than once (lines 7 and 8); a YAML mapping must"
                + " not repeat a key, remove one",
            "spec.gateway.fence.routes: appears more than once (lines 11 and 12); a YAML mapping must not repeat a key,"
                + " remove one",
            "spec.topics[0].name: appears more than once (lines 14 and 15); a YAML mapping must not repeat a key, remove one"),
        doc.problems());
    assertEquals(
        "a",
        doc.root().get("apiVersion").asText(),
        "the first value is kept so other checks still run");
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
    assertEquals(
        List.of("b: YAML aliases (*name) are not supported here; write the value out in full"),
        StrictYaml.parse("a: &x 1\nb: *x\n", "").problems());
    assertTrue(
        StrictYaml.parse("a: 1\n---\nb: 2\n", "")
            .problems()
            .get(0)
            .contains("more than one YAML document"));
    assertEquals(
        List.of("the document is empty"), StrictYaml.parse("# only a comment\n", "").problems());
  }

  @Test
  void pathPrefixIsPrependedToProblemPaths() {
    StrictYaml.Document doc = StrictYaml.parse("x: 1\nx: 2\n", "spec.source.credentials.");
    assertTrue(
        doc.problems().get(0).startsWith("spec.source.credentials.x: appears more than once"),
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

  @Test
  void aMappingMustHoldFields() {
    for (String text : new String[] {"", "  \n", "# only a comment\n"}) {
      assertEquals(
          List.of("the document is empty"),
          StrictYaml.mapping(text, "").problems(),
          "[" + text + "]");
    }
    assertEquals(List.of("the document is empty"), StrictYaml.mapping(null, "").problems());
    for (String text : new String[] {"just a string", "{}", "[a, b]"}) {
      StrictYaml.Document doc = StrictYaml.mapping(text, "");
      assertNull(doc.root(), text);
      assertEquals(
          List.of("the document contains no fields: it must be a YAML mapping (key: value lines)"),
          doc.problems(),
          text);
    }
    assertTrue(StrictYaml.mapping("kind: Gateway\n", "").ok());
  }

  @Test
  void numbersAreKeptExactlyAsWritten() {
    // A Gateway CR read here is written back to the API server: 1.50 must not become 1.5, nor a
    // 64-bit unsigned bound a double.
    StrictYaml.Document doc =
        StrictYaml.parse("d: 1.50\nbig: 18446744073709551615\nten: 10.0\n", "");
    assertEquals("1.50", doc.root().get("d").decimalValue().toPlainString());
    assertEquals("18446744073709551615", doc.root().get("big").bigIntegerValue().toString());
    assertEquals("10.0", doc.root().get("ten").decimalValue().toPlainString());
  }

  @Test
  @org.junit.jupiter.api.Timeout(10)
  void aYamlAliasBombIsNotExpanded() {
    StringBuilder y = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 12; i++) {
      y.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        y.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      y.append("]\n");
    }
    StrictYaml.Document doc = StrictYaml.parse(y.toString(), "");
    assertEquals(110, doc.problems().size(), "one problem per alias written, none per expansion");
    assertEquals(
        "a11[9]: YAML aliases (*name) are not supported here; write the value out in full",
        doc.problems().get(109));
  }
}
