package io.cutover.workflow.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** kcp's topic patterns: anchored full matches, RE2's constructs only. */
class TopicPatternsTest {

  @Test
  void aPatternSelectsWholeNamesOnlyAndLiteralsByEquality() {
    List<String> names = List.of("orders", "orders.eu", "x.orders.eu", "payments");
    assertEquals(
        List.of("orders.eu", "payments"),
        TopicPatterns.select(names, List.of("payments"), List.of("orders\\..*")));
    assertEquals(List.of(), TopicPatterns.select(names, List.of(), List.of()));
  }

  @Test
  void constructsRe2LacksAreRefusedAndEverythingElseCompiles() {
    for (String p : List.of("(?=a)b", "(?!a)b", "(?<=a)b", "(?<!a)b", "(?>ab)", "(a)\\1", "a++")) {
      assertTrue(TopicPatterns.problem(p).orElse("").contains("RE2"), p);
    }
    assertTrue(TopicPatterns.problem("a[").orElse("").startsWith("is not a regular expression"));
    assertTrue(TopicPatterns.problem(" ").isPresent());
    for (String p : List.of("orders\\..*", "(eu|us)-[a-z]+", "t{1,3}", "a+b?c*")) {
      assertEquals(Optional.empty(), TopicPatterns.problem(p), p);
    }
  }
}
