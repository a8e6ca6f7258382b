package io.cutover.distribution;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The parent POM's {@code enforce-shipped-isolation} bannedDependencies excludes, read from the POM
 * itself so that the archive check and the enforcer can never disagree. Patterns are the enforcer's
 * {@code groupId[:artifactId[:...]]} with {@code *} wildcards; only group and artifact matter for a
 * jar.
 */
record BannedList(List<String> patterns) {
  static final Path PARENT_POM = Path.of("..", "pom.xml");
  private static final String EXCLUDES =
      "/project/build/plugins/plugin[artifactId='maven-enforcer-plugin']"
          + "/executions/execution[id='enforce-shipped-isolation']/configuration/rules/bannedDependencies/excludes/exclude";

  static BannedList fromParentPom() throws Exception {
    Document pom =
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(PARENT_POM.toFile());
    NodeList nodes =
        (NodeList)
            XPathFactory.newInstance().newXPath().evaluate(EXCLUDES, pom, XPathConstants.NODESET);
    List<String> patterns = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      patterns.add(nodes.item(i).getTextContent().strip());
    }
    if (patterns.isEmpty()) {
      throw new IllegalStateException(
          "no bannedDependencies excludes at "
              + EXCLUDES
              + " in "
              + PARENT_POM
              + ": if the enforcer execution moved, update BannedList");
    }
    return new BannedList(List.copyOf(patterns));
  }

  /**
   * The pattern that bans {@code jar}, named as the archive names it ({@code
   * groupId.artifactId-version.jar}, src/assembly/release.xml), or null. Errs on the side of
   * banning: the dots between group and artifact are not told apart from dots inside either.
   */
  String banning(String jar) {
    for (String p : patterns) {
      String[] parts = p.split(":");
      String artifact = parts.length > 1 ? parts[1] : "*";
      Pattern regex = Pattern.compile(glob(parts[0]) + "\\." + glob(artifact) + "-.+\\.jar");
      if (regex.matcher(jar).matches()) {
        return p;
      }
    }
    return null;
  }

  private static String glob(String part) {
    return Arrays.stream(part.split("\\*", -1))
        .map(Pattern::quote)
        .collect(Collectors.joining(".*"));
  }
}
