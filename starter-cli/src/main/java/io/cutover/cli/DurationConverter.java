package io.cutover.cli;

import io.cutover.manifest.GoDuration;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Go-style durations on the command line, as in manifests: 90s, 10m, 1h30m, 500ms. */
public class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return GoDuration.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(
          "'" + value + "' is not a duration; write it like 90s, 10m or 1h30m");
    }
  }
}
