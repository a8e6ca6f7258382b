package io.cutover.demo;

import io.cutover.cli.HelpTextTest;
import io.micronaut.context.ApplicationContext;
import picocli.CommandLine;

/** The help tests over what ./cutover runs: the shipped commands plus dev, demo and bench. */
class RepositoryHelpTextTest extends HelpTextTest {
  @Override
  protected CommandLine commandLine(ApplicationContext c) {
    return RepositoryCli.commandLine(c);
  }
}
