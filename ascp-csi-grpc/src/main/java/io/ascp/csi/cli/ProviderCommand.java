// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import static java.util.Objects.requireNonNull;

import io.ascp.csi.daemon.VersionInfo;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code ascp-provider} command line: without a subcommand it is the provider daemon, with the
 * daemon flags at the top level so that it is a drop-in for the reference provider's arguments;
 * {@code serve} is the same daemon; {@code validate}, {@code mount} and {@code quickstart} work
 * without Kubernetes (docs/cli.md). Flags follow Go's {@code flag} syntax ({@link GoFlagSyntax});
 * an unknown flag prints the usage and exits with status 2, like Go.
 */
@Command(
    name = "ascp-provider",
    mixinStandardHelpOptions = true,
    versionProvider = ProviderCommand.Version.class,
    sortOptions = false,
    description = {
      "The AWS Secrets and Configuration Provider for the Kubernetes Secrets Store CSI driver"
          + " (ascp-java). Without a command it runs the provider daemon on"
          + " <provider-volume>/aws.sock."
    },
    footer = {
      "",
      "Flags follow Go's flag syntax: -flag and --flag are the same; --flag=value or --flag value;"
          + " boolean flags as --flag or --flag=true|false (1, t, T, TRUE, true, True, 0, f, F,"
          + " FALSE, false, False).",
      "Exit status: 0 after a clean shutdown (SIGTERM, SIGINT) or --help; 1 when the daemon cannot"
          + " start; 2 for a bad command line."
    })
public final class ProviderCommand implements Callable<Integer> {
  /** The exit status of a bad command line, as Go's {@code flag} package uses. */
  static final int USAGE_ERROR = 2;

  @Mixin DaemonOptions options = new DaemonOptions();

  private final DaemonLauncher launcher;

  ProviderCommand(DaemonLauncher launcher) {
    this.launcher = requireNonNull(launcher, "launcher");
  }

  @Override
  public Integer call() {
    return launcher.launch(options);
  }

  /**
   * Runs the command line of the {@code ascp-provider} jar and returns its exit status; the daemon
   * runs until SIGTERM or SIGINT.
   */
  public static int run(String... args) {
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    return execute(List.of(args), out, err, new DaemonRunner());
  }

  /** Parses {@code args} in Go's syntax and runs the chosen command with {@code launcher}. */
  static int execute(List<String> args, PrintWriter out, PrintWriter err, DaemonLauncher launcher) {
    return execute(args, out, err, launcher, System.getenv());
  }

  /** As {@link #execute(List, PrintWriter, PrintWriter, DaemonLauncher)}, with an environment. */
  static int execute(
      List<String> args,
      PrintWriter out,
      PrintWriter err,
      DaemonLauncher launcher,
      Map<String, String> env) {
    return execute(args, out, err, launcher, env, WatchRuntime::system);
  }

  /**
   * As {@link #execute(List, PrintWriter, PrintWriter, DaemonLauncher, Map)}, with the runtime of
   * {@code mount --watch}.
   */
  static int execute(
      List<String> args,
      PrintWriter out,
      PrintWriter err,
      DaemonLauncher launcher,
      Map<String, String> env,
      Supplier<WatchRuntime> watchRuntime) {
    CommandLine commandLine = commandLine(launcher, env, watchRuntime);
    commandLine.setOut(out);
    commandLine.setErr(err);
    return commandLine.execute(normalize(commandLine, args).toArray(String[]::new));
  }

  /** The command with its subcommands. */
  static CommandLine commandLine(DaemonLauncher launcher) {
    return commandLine(launcher, System.getenv());
  }

  /** The command with its subcommands; {@code mount} reads {@code env}. */
  static CommandLine commandLine(DaemonLauncher launcher, Map<String, String> env) {
    return commandLine(launcher, env, WatchRuntime::system);
  }

  /** The command with its subcommands, {@code mount --watch} running on {@code watchRuntime}. */
  static CommandLine commandLine(
      DaemonLauncher launcher, Map<String, String> env, Supplier<WatchRuntime> watchRuntime) {
    CommandLine commandLine = new CommandLine(new ProviderCommand(launcher));
    commandLine.addSubcommand("serve", new ServeCommand(launcher));
    commandLine.addSubcommand("validate", new ValidateCommand());
    commandLine.addSubcommand("mount", new MountCommand(env, watchRuntime));
    commandLine.addSubcommand("quickstart", new QuickstartCommand());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setUsageHelpWidth(100);
    // Like Go's flag package: the error, then always the usage, then exit status 2.
    commandLine.setParameterExceptionHandler(
        (e, args) -> {
          CommandLine command = e.getCommandLine();
          PrintWriter err = command.getErr();
          err.println(e.getMessage());
          CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
          command.usage(err);
          return USAGE_ERROR;
        });
    return commandLine;
  }

  /** {@code args} rewritten from Go's flag syntax, using the flags of every command. */
  static List<String> normalize(CommandLine commandLine, List<String> args) {
    Set<String> valueFlags = new HashSet<>();
    Set<String> booleanFlags = new HashSet<>();
    Set<String> plainFlags = new HashSet<>();
    Map<String, String> aliases = new HashMap<>();
    List<CommandSpec> specs = new ArrayList<>();
    specs.add(commandLine.getCommandSpec());
    commandLine.getSubcommands().values().forEach(sub -> specs.add(sub.getCommandSpec()));
    for (CommandSpec spec : specs) {
      for (OptionSpec option : spec.options()) {
        String longName = stripDashes(option.longestName());
        for (String name : option.names()) {
          if (!stripDashes(name).equals(longName)) {
            aliases.put(stripDashes(name), longName);
          }
        }
        if (option.arity().max() == 0) {
          plainFlags.add(longName);
        } else if (option.type() == boolean.class || option.type() == Boolean.class) {
          booleanFlags.add(longName);
        } else {
          valueFlags.add(longName);
        }
      }
    }
    return GoFlagSyntax.normalize(args, valueFlags, booleanFlags, plainFlags, aliases);
  }

  private static String stripDashes(String name) {
    int i = 0;
    while (i < name.length() && name.charAt(i) == '-') {
      i++;
    }
    return name.substring(i);
  }

  /** {@code --version}: our name and version. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      VersionInfo version = VersionInfo.current();
      return new String[] {version.runtimeName() + " " + version.runtimeVersion()};
    }
  }
}
