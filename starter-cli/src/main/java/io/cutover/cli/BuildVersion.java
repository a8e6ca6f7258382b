package io.cutover.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * What {@code cutover --version} prints: the Maven project version, written into {@code
 * build.properties} by resource filtering (starter-cli/pom.xml), so a release can never print
 * another release's number.
 */
public final class BuildVersion implements IVersionProvider {
  static final String RESOURCE = "build.properties";

  /** The build's version, e.g. {@code 0.1.0} or {@code 0.2.0-SNAPSHOT}. */
  public static String current() {
    Properties p = new Properties();
    try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "io/cutover/cli/"
                + RESOURCE
                + " is missing from the CLI jar: rebuild it"
                + " with Maven (mvn -B package -pl starter-cli -am)");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String version = p.getProperty("version", "");
    if (version.isEmpty() || version.startsWith("${")) {
      // Only an IDE that copies resources without Maven's filtering gets here.
      throw new IllegalStateException(
          "io/cutover/cli/"
              + RESOURCE
              + " was not filtered by Maven (version="
              + version
              + "): rebuild with mvn -B package -pl starter-cli -am");
    }
    return version;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"cutover " + current()};
  }
}
