package io.cutover.workflow.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * kcp's {@code topicPatterns}: anchored full-match regular expressions over topic names
 * (docs/manifest.md, "Topic patterns"). kcp compiles them as RE2, so a construct RE2 lacks
 * (lookaround, backreferences, atomic groups, possessive quantifiers) is refused rather than given
 * a meaning kcp would not give it; what is left means the same in Java's engine.
 */
public final class TopicPatterns {

  /** The pattern that selects every mirror topic on the link. */
  public static final String MATCH_ALL = ".*";

  private static final Pattern NOT_RE2 =
      Pattern.compile("\\(\\?<?[=!]|\\(\\?>|\\\\[1-9]|\\\\k<|[*+?}]\\+");

  private TopicPatterns() {}

  /**
   * Why {@code pattern} cannot be used, or empty when it compiles and means what it does in RE2.
   */
  public static Optional<String> problem(String pattern) {
    if (pattern == null || pattern.isBlank()) {
      return Optional.of("must not be blank");
    }
    if (NOT_RE2.matcher(pattern).find()) {
      return Optional.of(
          "uses a construct RE2 does not have (lookaround, a backreference, an atomic group or a"
              + " possessive quantifier); kcp compiles topic patterns as RE2: rewrite it without one");
    }
    try {
      Pattern.compile(pattern);
      return Optional.empty();
    } catch (PatternSyntaxException e) {
      return Optional.of("is not a regular expression (" + e.getDescription() + ")");
    }
  }

  /**
   * The names that {@code literals} or {@code patterns} select, in the order of {@code names}: a
   * literal by equality, a pattern by a full match. Both empty selects nothing.
   */
  public static List<String> select(
      List<String> names, List<String> literals, List<String> patterns) {
    List<Pattern> compiled = patterns.stream().map(Pattern::compile).toList();
    List<String> out = new ArrayList<>();
    for (String n : names) {
      if (literals.contains(n) || compiled.stream().anyMatch(p -> p.matcher(n).matches())) {
        out.add(n);
      }
    }
    return out;
  }

  /** Whether {@code pattern} fully matches at least one of {@code names}. */
  public static boolean matchesAny(String pattern, List<String> names) {
    Pattern p = Pattern.compile(pattern);
    return names.stream().anyMatch(n -> p.matcher(n).matches());
  }
}
