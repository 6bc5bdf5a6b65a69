// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.core.Scheduler;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code validate} and {@code mount} commands, without AWS and without Kubernetes. */
class OfflineCommandsTest {
  private static final String SPC = "../examples/quickstart/secretproviderclass.yaml";
  private static final String STORE = "../examples/quickstart/demo-store.yaml";
  private static final String DEMO_PASSWORD = "demo-password-not-real";

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private WatchRuntime watchRuntime =
      new ManualRuntime(
          r -> {
            throw new AssertionError("nothing watches");
          });

  private int run(Map<String, String> env, String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return ProviderCommand.execute(
        List.of(args),
        new PrintWriter(out, true),
        new PrintWriter(err, true),
        options -> {
          throw new AssertionError("the daemon must not start");
        },
        env,
        () -> watchRuntime);
  }

  private int run(String... args) {
    return run(Map.of(), args);
  }

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  private static String spc(String name, String parameters) {
    return "apiVersion: secrets-store.csi.x-k8s.io/v1\nkind: SecretProviderClass\nmetadata:\n"
        + "  name: "
        + name
        + "\nspec:\n  provider: aws\n  parameters:\n"
        + parameters.indent(4);
  }

  // ------------------------------------------------------------------------------ validate

  @Test
  void validateListsTheFilesAndTheirModes() {
    assertThat(run("validate", SPC)).as("stderr: %s", err).isZero();
    assertThat(out.toString())
        .startsWith(
            "SecretProviderClass quickstart in "
                + SPC
                + " is valid: 7 objects, 9 files, region us-east-1\n"
                + "  MODE  TYPE            PATH  <-  OBJECT [JMESPATH]\n")
        .contains("  0400  secretsmanager  db-password  <-  prod/app/db [password]\n")
        .contains("  0644  ssmparameter    _demo_app_log-level  <-  /demo/app/log-level\n")
        .endsWith("Checked 1 SecretProviderClass in 1 file: 1 valid, 0 invalid, 0 warnings\n");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void validateReportsTheReferencesMessageAndExitsOne() throws Exception {
    Path bad =
        write(
            "bad.yaml",
            spc(
                "bad",
                "region: us-east-1\nobjects: |\n  - objectName: x\n    objectType: SecretsManager\n"));
    assertThat(run("validate", bad.toString())).isEqualTo(1);
    assertThat(out.toString())
        .isEqualTo(
            "SecretProviderClass bad in "
                + bad
                + " is invalid: 1 error\n"
                + "Checked 1 SecretProviderClass in 1 file: 0 valid, 1 invalid, 0 warnings\n");
    assertThat(err.toString())
        .isEqualTo(
            "error: SecretProviderClass bad in " + bad + ": Invalid objectType: SecretsManager\n");
  }

  @Test
  void validateChecksEveryClassOfEveryFile() throws Exception {
    Path two =
        write(
            "two.yaml",
            spc("a", "region: us-east-1\nobjects: \"\"")
                + "---\nkind: ConfigMap\n---\n"
                + spc("b", "region: us-east-1\nusePodIdentity: maybe"));
    Path none = write("none.yaml", "kind: ConfigMap\n");
    assertThat(run("validate", SPC, two.toString(), none.toString(), "absent.yaml")).isEqualTo(1);
    assertThat(out.toString())
        .contains("SecretProviderClass a in " + two + " is valid: 0 objects, 0 files")
        .contains("SecretProviderClass b in " + two + " is invalid: 1 error")
        .endsWith(
            "Checked 3 SecretProviderClasses in 4 files: 2 valid, 1 invalid, 0 warnings, 2"
                + " unreadable files\n");
    assertThat(err.toString().lines())
        .containsExactly(
            "error: SecretProviderClass b in "
                + two
                + ": failed to parse usePodIdentity value, error: strconv.ParseBool: parsing"
                + " \"maybe\": invalid syntax",
            "error: Invalid SecretProviderClass manifest "
                + none
                + ": no SecretProviderClass (kind: SecretProviderClass) in the file",
            "error: Cannot read SecretProviderClass manifest absent.yaml: NoSuchFileException");
  }

  @Test
  void withoutARegionTheArnRegionRuleIsSkippedWithAWarning() throws Exception {
    String arn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf";
    Path file = write("arn.yaml", spc("arn", "objects: |\n  - objectName: " + arn + "\n"));

    assertThat(run("validate", file.toString())).as("stderr: %s", err).isZero();
    assertThat(out.toString()).contains("is valid: 1 object, 1 file, no region\n");
    assertThat(err.toString())
        .isEqualTo(
            "warning: SecretProviderClass arn in "
                + file
                + ": no region parameter and no --region: the regions of ARNs in objectName are"
                + " not checked\n");

    // --region stands in for the missing parameter, as AWS_REGION does in the provider.
    assertThat(run("validate", "--region", "us-east-1", file.toString())).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo(
            "error: SecretProviderClass arn in "
                + file
                + ": ARN region must match region us-east-1: "
                + arn
                + "\n");
    assertThat(run("validate", "-region=eu-west-1", file.toString())).isZero();
    assertThat(out.toString()).contains("region eu-west-1");
    assertThat(err.toString()).isEmpty();

    // The environment plays no part in validate.
    assertThat(run(Map.of("AWS_REGION", "us-east-1"), "validate", file.toString())).isZero();
  }

  @Test
  void theClassesRegionWinsOverTheFlag() {
    assertThat(run("validate", "--region=eu-west-1", SPC)).isZero();
    assertThat(out.toString()).contains("region us-east-1");
  }

  @Test
  void secretObjectsAreCheckedAgainstTheProducedFiles() throws Exception {
    Path file =
        write(
            "sync.yaml",
            spc(
                    "sync",
                    """
                    region: us-east-1
                    objects: |
                      - objectName: a/b
                        objectType: secretsmanager
                    """)
                + """
                  secretObjects:
                    - secretName: s
                      type: Opaque
                      data:
                        - {objectName: a_b, key: ok}
                        - {objectName: a/b, key: wrong}
                """);
    assertThat(run("validate", file.toString())).isEqualTo(1);
    assertThat(out.toString())
        .contains("  SECRET OBJECT (TYPE)  KEY  <-  FILE\n  s (Opaque)  ok  <-  a_b\n");
    assertThat(err.toString())
        .isEqualTo(
            "error: SecretProviderClass sync in "
                + file
                + ": secretObjects[0] \"s\" data[1]: file matching objectName \"a/b\" not found in"
                + " the pod: the class produces no such file\n");
  }

  @Test
  void permissionBitsAboveTheModeAreAWarning() throws Exception {
    Path file =
        write(
            "sticky.yaml",
            spc(
                "sticky",
                """
                region: us-east-1
                objects: |
                  - objectName: a
                    objectType: secretsmanager
                    filePermission: "1640"
                """));
    assertThat(run("validate", file.toString())).isZero();
    assertThat(out.toString()).contains("  0640  secretsmanager  a  <-  a\n");
    assertThat(err.toString())
        .isEqualTo(
            "warning: SecretProviderClass sticky in "
                + file
                + ": object \"a\": filePermission 1640 has bits above 0777, which are ignored: the"
                + " file gets 0640\n");
  }

  @Test
  void aClassForAnotherProviderIsAWarning() throws Exception {
    Path file = write("vault.yaml", spc("v", "region: us-east-1").replace("aws", "vault"));
    assertThat(run("validate", file.toString())).isZero();
    assertThat(err.toString())
        .isEqualTo(
            "warning: SecretProviderClass v in "
                + file
                + ": spec.provider is \"vault\", not \"aws\": this provider never receives the"
                + " class\n");
  }

  @Test
  void validateNeedsAFile() {
    assertThat(run("validate")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required parameter: 'SPC_FILE'");
  }

  // ------------------------------------------------------------------------------ mount

  @Test
  void mountPrintsVersionsWithoutContentsAndWritesTheLayout() throws Exception {
    Path target = dir.resolve("out");
    assertThat(
            run(
                "mount",
                "--class",
                SPC,
                "--target",
                target.toString(),
                "--backend=memory:" + STORE))
        .as("stderr: %s", err)
        .isZero();
    assertThat(out.toString())
        .startsWith(
            "SecretProviderClass quickstart: 9 files from the in-memory store "
                + STORE
                + ", region us-east-1\n")
        .contains("00000000-0000-4000-8000-000000000001  api-key-previous")
        .endsWith("Wrote 9 files to " + target + "\n")
        .doesNotContain(DEMO_PASSWORD)
        .doesNotContain("demo-user");
    assertThat(Files.readString(target.resolve("db-password"))).isEqualTo(DEMO_PASSWORD);
    assertThat(Files.isSymbolicLink(target.resolve("..data"))).isTrue();
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(target.resolve("db-password"))))
        .isEqualTo("r--------");
  }

  @Test
  void mountNeedsAClassAndATarget() {
    assertThat(run("mount", "--class", SPC)).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required option: '--target=DIR'");
    assertThat(run("mount", "--target", "x")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required option: '--class=SPC_FILE'");
    assertThat(run("mount", "--class", SPC, "--target", "x", SPC)).isEqualTo(2);
    assertThat(err.toString()).contains("Unmatched argument");
  }

  @Test
  void badBackendAndWatchValuesAreUsageErrors() {
    for (String bad : List.of("--backend=vault", "--backend=memory:", "--watch=0s", "--watch=5")) {
      assertThat(run("mount", "--class", SPC, "--target", "x", bad)).as(bad).isEqualTo(2);
      assertThat(err.toString()).as(bad).contains("Usage: ascp-provider mount");
    }
    run("mount", "--class", SPC, "--target", "x", "--backend=memory:");
    assertThat(err.toString()).contains("memory: needs a seed file, as in memory:store.yaml");
  }

  @Test
  void aFailedMountExitsOneWithTheCodeAndMessage() throws Exception {
    Path spc =
        write(
            "missing.yaml",
            spc(
                "m",
                """
                region: us-east-1
                objects: |
                  - objectName: demo/absent
                    objectType: secretsmanager
                """));
    Path target = dir.resolve("t");
    assertThat(run("mount", "--class=" + spc, "--target=" + target, "--backend", "memory:" + STORE))
        .isEqualTo(1);
    assertThat(err.toString())
        .startsWith("error: NOT_FOUND: us-east-1: Failed fetching secret demo/absent:");
    assertThat(target).doesNotExist();
  }

  @Test
  void aBadSeedFileIsReported() {
    assertThat(
            run(
                "mount",
                "--class",
                SPC,
                "--target",
                dir.resolve("t").toString(),
                "--backend=memory:no-such-store.yaml"))
        .isEqualTo(1);
    assertThat(err.toString())
        .startsWith("error: INVALID_PARAMETERS: Cannot read the in-memory store seed");
  }

  @Test
  void theRegionComesFromTheClassThenTheFlagThenTheEnvironment() throws Exception {
    Path spc =
        write(
            "noregion.yaml",
            spc(
                "n",
                "objects: |\n  - objectName: demo/greeting\n    objectType: secretsmanager\n"));
    String target = "--target=" + dir.resolve("t");
    String backend = "--backend=memory:" + STORE;

    assertThat(run("mount", "--class", spc.toString(), target, backend)).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo(
            "error: INVALID_PARAMETERS: No region: the SecretProviderClass has no region"
                + " parameter, --region is not given and AWS_REGION is not set\n");

    assertThat(
            run(
                Map.of("AWS_REGION", "ap-south-1"),
                "mount",
                "--class",
                spc.toString(),
                target,
                backend))
        .isZero();
    assertThat(out.toString()).contains("region ap-south-1");
    assertThat(
            run(
                Map.of("AWS_REGION", "ap-south-1"),
                "mount",
                "--class",
                spc.toString(),
                target,
                backend,
                "--region",
                "eu-west-1"))
        .isZero();
    assertThat(out.toString()).contains("region eu-west-1");
    assertThat(run("mount", "--class", SPC, target, backend, "--region", "eu-west-1")).isZero();
    assertThat(out.toString()).contains("region us-east-1");
  }

  @Test
  void nameSelectsAClassOfAFileWithSeveral() throws Exception {
    String objects = "objects: |\n  - objectName: demo/greeting\n    objectType: secretsmanager\n";
    Path two =
        write(
            "two.yaml",
            spc("one", "region: us-east-1\n" + objects)
                + "---\n"
                + spc("two", "region: eu-west-1\n" + objects));
    String target = "--target=" + dir.resolve("t");
    String backend = "--backend=memory:" + STORE;
    assertThat(run("mount", "--class", two.toString(), target, backend)).isEqualTo(1);
    assertThat(err.toString()).contains("several SecretProviderClasses [one, two]");
    assertThat(run("mount", "--class", two.toString(), "--name", "two", target, backend)).isZero();
    assertThat(out.toString()).startsWith("SecretProviderClass two: 1 files").contains("eu-west-1");
  }

  // ------------------------------------------------------------------------------ mount --watch

  private static final String WATCH_CLASS =
      spc(
          "watched",
          """
          region: us-east-1
          objects: |
            - objectName: app/key
              objectType: secretsmanager
              objectAlias: key
            - objectName: /app/level
              objectType: ssmparameter
              objectAlias: level
          """);

  private static String seed(String... keyVersions) {
    StringBuilder s = new StringBuilder("formatVersion: 1\nsecrets:\n  - name: app/key\n");
    s.append("    versions:\n");
    for (int i = 0; i < keyVersions.length; i++) {
      s.append("      - versionId: v").append(i + 1).append('\n');
      s.append("        value: ").append(keyVersions[i]).append('\n');
    }
    return s.append("parameters:\n  - name: /app/level\n    value: info\n").toString();
  }

  @Test
  void watchRewritesTheDirectoryOnChangeKeepsTheLastGoodContentAndStopsOnASignal()
      throws Exception {
    Path spc = write("watched.yaml", WATCH_CLASS);
    Path store = write("store.yaml", seed("key-one"));
    Path target = dir.resolve("t");
    List<String> between = new ArrayList<>();
    ManualRuntime runtime =
        new ManualRuntime(
            scheduler -> {
              // 30 s with up to 10 % jitter either way.
              assertThat(scheduler.pendingDelays())
                  .singleElement()
                  .satisfies(
                      d -> assertThat(d).isBetween(Duration.ofSeconds(27), Duration.ofSeconds(33)));
              scheduler.runNext(); // nothing changed: nothing printed
              between.add(out.toString());
              Files.writeString(store, seed("key-one", "key-two"));
              scheduler.runNext();
              between.add(out.toString());
              Files.writeString(store, "formatVersion: 1\nsecrets: [{name: app/key}]\n");
              scheduler.runNext(); // the refresh fails: the files stay
              between.add(Files.readString(target.resolve("key")));
              return "SIGINT";
            });
    watchRuntime = runtime;

    int status =
        run(
            "mount",
            "--class",
            spc.toString(),
            "--target",
            target.toString(),
            "--backend",
            "memory:" + store,
            "--watch",
            "30s");

    assertThat(status).as("stderr: %s", err).isZero();
    String initial =
        "SecretProviderClass watched: 2 files from the in-memory store "
            + store
            + ", region us-east-1\n"
            + "  MODE     BYTES  VERSION                               PATH\n"
            + "  0644         7  v1                                    key\n"
            + "  0644         4  1                                     level\n"
            + "Wrote 2 files to "
            + target
            + "\n"
            + "Watching: a refresh every 30s (+/- 10 % jitter); Ctrl-C stops.\n";
    assertThat(between.get(0)).isEqualTo(initial);
    assertThat(between.get(1))
        .isEqualTo(
            initial
                + "Refreshed: 1 of 2 files changed\n"
                + "  changed  key  version v1 -> v2  contents\n"
                + "Wrote 2 files to "
                + target
                + "\n");
    assertThat(between.get(2)).isEqualTo("key-two");
    assertThat(out.toString()).isEqualTo(between.get(1) + "Stopped watching (SIGINT).\n");
    assertThat(err.toString())
        .startsWith(
            "Refresh failed, keeping the last content: INVALID_PARAMETERS: Invalid in-memory"
                + " store seed "
                + store
                + ": secrets[0] \"app/key\":");
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(runtime.closed).isTrue();
    assertThat(runtime.scheduler.pendingDelays()).as("the next refresh is cancelled").isEmpty();
    assertThat(out.toString()).doesNotContain("key-one").doesNotContain("key-two");
  }

  @Test
  void aWatchWhoseFirstMountFailsExitsOneAndStopsNothingItDidNotStart() throws Exception {
    Path spc = write("watched.yaml", WATCH_CLASS);
    Path store = write("store.yaml", "formatVersion: 1\n");
    ManualRuntime runtime =
        new ManualRuntime(
            s -> {
              throw new AssertionError("never waits");
            });
    watchRuntime = runtime;
    assertThat(
            run(
                "mount",
                "--class",
                spc.toString(),
                "--target",
                dir.resolve("t").toString(),
                "--backend=memory:" + store,
                "--watch=1m"))
        .isEqualTo(1);
    assertThat(err.toString()).startsWith("error: NOT_FOUND: ");
    assertThat(runtime.closed).isTrue();
    assertThat(runtime.scheduler.pendingDelays()).isEmpty();
  }

  /** A scheduler whose tasks run only when the test says so. */
  static final class ManualScheduler implements Scheduler {
    private static final class Task {
      final Runnable task;
      final Duration delay;
      boolean cancelled;

      Task(Runnable task, Duration delay) {
        this.task = task;
        this.delay = delay;
      }
    }

    private final List<Task> tasks = new ArrayList<>();

    @Override
    public synchronized Cancellable schedule(Runnable task, Duration delay) {
      Task t = new Task(task, delay);
      tasks.add(t);
      return () -> {
        synchronized (ManualScheduler.this) {
          t.cancelled = true;
        }
      };
    }

    synchronized List<Duration> pendingDelays() {
      List<Duration> delays = new ArrayList<>();
      tasks.stream().filter(t -> !t.cancelled).forEach(t -> delays.add(t.delay));
      return delays;
    }

    void runNext() {
      Task next;
      synchronized (this) {
        tasks.removeIf(t -> t.cancelled);
        assertThat(tasks).as("a scheduled refresh").isNotEmpty();
        next = tasks.remove(0);
      }
      next.task.run();
    }
  }

  /** A watch runtime that runs a script instead of waiting for a signal. */
  static final class ManualRuntime implements WatchRuntime {
    /** What happens while the command waits; returns the name of the stop. */
    interface Script {
      String run(ManualScheduler scheduler) throws Exception;
    }

    final ManualScheduler scheduler = new ManualScheduler();
    private final Script script;
    boolean closed;

    ManualRuntime(Script script) {
      this.script = script;
    }

    @Override
    public Scheduler scheduler() {
      return scheduler;
    }

    @Override
    public String awaitStop() {
      try {
        return script.run(scheduler);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
