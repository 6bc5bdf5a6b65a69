// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit.assertions;

import static io.ascp.testkit.assertions.AscpAssertions.assertThat;
import static io.ascp.testkit.assertions.AscpAssertions.assertThatCalls;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ascp.api.CallerIdentity;
import io.ascp.api.MountResult;
import io.ascp.api.MountedFile;
import io.ascp.api.ObjectType;
import io.ascp.api.ObjectVersion;
import io.ascp.api.spi.FetchBatch;
import io.ascp.api.spi.FetchResult;
import io.ascp.api.spi.ObjectRequest;
import io.ascp.api.spi.SecretSource;
import io.ascp.testkit.AwsError;
import io.ascp.testkit.AwsFault;
import io.ascp.testkit.AwsOperation;
import io.ascp.testkit.FakeAws;
import io.ascp.testkit.FakeTicker;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The assertions pass on what they describe, fail otherwise, and fail with messages that name
 * paths, modes, versions and calls but never show file contents.
 */
class AscpAssertionsTest {
  /** Planted in every value: no failure message may contain it. */
  private static final String MARKER = "S3CR3T-MARKER";

  private static final MountedFile USERNAME =
      new MountedFile("db-username", 0644, ("admin-" + MARKER).getBytes(UTF_8));
  private static final MountedFile PASSWORD =
      new MountedFile("db-password", 0400, ("pw-2-" + MARKER).getBytes(UTF_8));
  private static final MountResult RESULT =
      new MountResult(
          List.of(USERNAME, PASSWORD),
          List.of(new ObjectVersion("db-password", "v2"), new ObjectVersion("db-username", "v2")));

  private static String failureOf(Runnable assertion) {
    Throwable t = catchThrowable(assertion::run);
    assertThat(t).isInstanceOf(AssertionError.class);
    String message = String.valueOf(t.getMessage());
    assertThat(message).doesNotContain(MARKER);
    return message;
  }

  private static String sha256Prefix(String s) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(UTF_8)))
        .substring(0, 8);
  }

  @Nested
  class MountResults {
    @Test
    void passOnWhatTheMountProduced() {
      assertThat(RESULT)
          .hasExactlyFiles("db-username", "db-password")
          .hasNoFile("db-url")
          .hasVersion("db-password", "v2");
      assertThat(RESULT)
          .hasFile("db-password")
          .withMode(0400)
          .withSize(("pw-2-" + MARKER).length())
          .withContent("pw-2-" + MARKER)
          .withContent(("pw-2-" + MARKER).getBytes(UTF_8))
          .hasPath("db-password");
      // AssertJ's own assertThat still resolves next to ours.
      assertThat(RESULT.files()).hasSize(2);
    }

    @Test
    void aMissingFileIsNamedWithTheFilesThatExist() {
      assertThat(failureOf(() -> assertThat(RESULT).hasFile("db-url")))
          .isEqualTo(
              "Expecting the mount to have file \"db-url\" but its files are"
                  + " [\"db-username\", \"db-password\"]");
      assertThat(failureOf(() -> assertThat(RESULT).hasNoFile("db-username")))
          .startsWith("Expecting the mount not to have file \"db-username\"");
    }

    @Test
    void filesMustMatchInOrder() {
      assertThat(failureOf(() -> assertThat(RESULT).hasExactlyFiles("db-password", "db-username")))
          .isEqualTo(
              "Expecting the mount to have exactly the files [\"db-password\", \"db-username\"],"
                  + " in this order, but its files are [\"db-username\", \"db-password\"]");
    }

    @Test
    void versionsAreCompared() {
      assertThat(failureOf(() -> assertThat(RESULT).hasVersion("db-password", "v1")))
          .isEqualTo(
              "Expecting the mount to report version \"v1\" of \"db-password\" but it reports"
                  + " \"v2\"");
      assertThat(failureOf(() -> assertThat(RESULT).hasVersion("db-url", "1")))
          .isEqualTo(
              "Expecting the mount to report version \"1\" of \"db-url\" but it reports no version"
                  + " of it; versions: [db-password=v2, db-username=v2]");
    }

    @Test
    void theDescriptionCarriesOverToTheFile() {
      assertThat(
              failureOf(
                  () -> assertThat(RESULT).as("first mount").hasFile("db-password").hasMode(0600)))
          .isEqualTo(
              "[first mount] Expecting file \"db-password\" to have mode 0600 but it has mode 0400");
    }

    @Test
    void nullFailsOnTheFirstCheck() {
      assertThat(failureOf(() -> assertThat((MountResult) null).hasFile("x")))
          .contains("Expecting actual not to be null");
      assertThat(failureOf(() -> assertThat((MountedFile) null).hasMode(0644)))
          .contains("Expecting actual not to be null");
    }
  }

  @Nested
  class MountedFiles {
    @Test
    void aWrongContentShowsLengthsFingerprintsAndTheFirstDifferenceNeverTheContent()
        throws Exception {
      String expected = "pw-1-" + MARKER;
      assertThat(failureOf(() -> assertThat(PASSWORD).hasContent(expected)))
          .isEqualTo(
              "Expecting file \"db-password\" to have the expected content (18 bytes, sha256:"
                  + sha256Prefix(expected)
                  + ") but it has 18 bytes, sha256:"
                  + sha256Prefix("pw-2-" + MARKER)
                  + "; first difference at byte 3 (contents are not shown: they may be secret)");
    }

    @Test
    void aTrailingNewlineIsFoundByItsOffset() {
      assertThat(failureOf(() -> assertThat(PASSWORD).hasContent("pw-2-" + MARKER + "\n")))
          .contains("(19 bytes, sha256:")
          .contains("but it has 18 bytes")
          .contains("first difference at byte 18");
    }

    @Test
    void binaryContentIsComparedByteForByte() {
      MountedFile keystore = new MountedFile("keystore.bin", 0600, new byte[] {0x30, (byte) 0x82});
      assertThat(keystore).hasContent(new byte[] {0x30, (byte) 0x82}).hasSize(2);
      assertThat(failureOf(() -> assertThat(keystore).hasContent(new byte[] {0x30, 0x00})))
          .contains("(2 bytes, sha256:")
          .contains("first difference at byte 1");
      assertThat(failureOf(() -> assertThat(keystore).hasSize(1)))
          .isEqualTo("Expecting file \"keystore.bin\" to have 1 byte but it has 2 bytes");
    }

    @Test
    void modesArePrintedInOctal() {
      assertThat(failureOf(() -> assertThat(USERNAME).withMode(0)))
          .isEqualTo("Expecting file \"db-username\" to have mode 0 but it has mode 0644");
      assertThat(failureOf(() -> assertThat(USERNAME).hasPath("db-password")))
          .isEqualTo("Expecting file \"db-username\" to have path \"db-password\"");
    }

    @Test
    void aFailureIsAPlainAssertionErrorWithoutActualAndExpectedValues() {
      Throwable t = catchThrowable(() -> assertThat(PASSWORD).hasContent("other"));
      // An opentest4j AssertionFailedError would carry both values to IDEs and reports.
      assertThat(t.getClass()).isEqualTo(AssertionError.class);
    }
  }

  @Nested
  class Calls {
    private final FakeAws aws = FakeAws.create();
    private final SecretSource source = aws.secretSource();

    private List<FetchResult> fetch(String region, String... names) {
      return source.fetch(
          new FetchBatch(
              ObjectType.SECRETS_MANAGER,
              region,
              CallerIdentity.defaultChain(),
              IntStream.range(0, names.length).mapToObj(i -> ObjectRequest.of(names[i])).toList()));
    }

    @Test
    void countsPerOperationAndErrorCode() {
      aws.secretsManager("us-east-1").createSecret("app/db", MARKER);
      aws.inject(AwsFault.error(AwsError.throttling()).times(2).build());
      fetch("us-east-1", "app/db");
      fetch("us-east-1", "app/db");
      fetch("us-east-1", "app/db", "app/missing");

      assertThat(aws)
          .calls()
          .hasSize(4)
          .hasCount(AwsOperation.GET_SECRET_VALUE, 4)
          .hasCount(AwsOperation.GET_PARAMETERS, 0)
          .hasErrorCount("ThrottlingException", 2)
          .hasErrorCount("ResourceNotFoundException", 1)
          .allMadeBy("default");
      assertThat(aws).hasNoCallsInFlight();
      assertThat(
              failureOf(() -> assertThat(aws).calls().hasCount(AwsOperation.GET_SECRET_VALUE, 1)))
          .isEqualTo(
              """
              Expecting 1 GetSecretValue call but there were 4:
                #0 us-east-1 GetSecretValue [app/db] by default -> ThrottlingException
                #1 us-east-1 GetSecretValue [app/db] by default -> ThrottlingException
                #2 us-east-1 GetSecretValue [app/db] by default -> OK
                #3 us-east-1 GetSecretValue [app/missing] by default -> ResourceNotFoundException\
              """);
      assertThat(failureOf(() -> assertThat(aws).calls().allSucceeded()))
          .startsWith("Expecting every call to succeed but 3 calls did not:\n  #0 ");
      assertThat(failureOf(() -> assertThat(aws).calls().hasErrorCount("AccessDeniedException", 1)))
          .startsWith("Expecting 1 call answered AccessDeniedException but there were 0:");
      assertThat(failureOf(() -> assertThat(aws).calls().allMadeBy("someone")))
          .startsWith("Expecting every call to be made by \"someone\" but 4 calls did not:");
    }

    @Test
    void narrowingByRegionOperationAndPrincipalNamesTheSubset() {
      aws.secretsManager("us-east-1").createSecret("app/db", "v");
      aws.secretsManager("us-west-2").createSecret("app/db", "v");
      fetch("us-east-1", "app/db");
      fetch("us-west-2", "app/db");

      assertThat(aws).calls().inRegion("us-west-2").hasSize(1).allSucceeded();
      assertThat(aws).calls().ofOperation(AwsOperation.DESCRIBE_SECRET).hasSize(0);
      assertThat(aws).calls().byPrincipal("default").hasSize(2);
      assertThat(
              failureOf(
                  () ->
                      assertThat(aws)
                          .calls()
                          .as("after failover")
                          .inRegion("us-east-1")
                          .hasSize(0)))
          .isEqualTo(
              "[after failover, calls of region us-east-1] Expecting 0 calls but there were 1:\n"
                  + "  #0 us-east-1 GetSecretValue [app/db] by default -> OK");
      assertThatCalls(aws.calls(AwsOperation.GET_SECRET_VALUE)).hasSize(2);
    }

    @Test
    void userAgentsAreRecordedOnlyByTheEmulator() {
      aws.secretsManager("us-east-1").createSecret("app/db", "v");
      fetch("us-east-1", "app/db");
      assertThat(failureOf(() -> assertThat(aws).calls().allHaveUserAgentContaining("app/")))
          .isEqualTo(
              "Expecting every call to have a User-Agent containing \"app/\" but call #0"
                  + " (GetSecretValue) has none");
    }

    @Test
    void longListsAreCut() {
      for (int i = 0; i < 45; i++) {
        fetch("us-east-1", "missing-" + i);
      }
      String message = failureOf(() -> assertThat(aws).calls().hasSize(0));
      assertThat(message).startsWith("Expecting 0 calls but there were 45:\n");
      assertThat(message.lines()).hasSize(1 + 40 + 1);
      assertThat(message).endsWith("\n  ... and 5 more");
    }

    @Test
    void overlapIsProvedWithLatencyUnderAFakeTicker() throws Exception {
      FakeTicker ticker = FakeTicker.create();
      FakeAws timed = FakeAws.builder().ticker(ticker).build();
      timed.secretsManager("us-east-1").createSecret("app/db", "v");
      timed.inject(AwsFault.latency(Duration.ofSeconds(1)).build());
      SecretSource timedSource = timed.secretSource();
      FetchBatch batch =
          new FetchBatch(
              ObjectType.SECRETS_MANAGER,
              "us-east-1",
              CallerIdentity.defaultChain(),
              List.of(ObjectRequest.of("app/db")));

      // One call after the other: no overlap.
      Future<List<FetchResult>> first;
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        first = pool.submit(() -> timedSource.fetch(batch));
        timed.awaitInFlight(1, Duration.ofSeconds(10));
        assertThat(failureOf(() -> assertThat(timed).hasNoCallsInFlight()))
            .isEqualTo("Expecting no call in flight but there are 1");
        ticker.advance(Duration.ofSeconds(1));
        first.get(10, TimeUnit.SECONDS);
        assertThat(timed).calls().neverOverlapped().hasMaxConcurrencyAtMost(1);
        assertThat(failureOf(() -> assertThat(timed).calls().overlapped()))
            .startsWith("Expecting at least two calls to overlap but none did:\n  #0 ");

        // Two at once: overlap.
        List<Future<List<FetchResult>>> both =
            List.of(
                pool.submit(() -> timedSource.fetch(batch)),
                pool.submit(() -> timedSource.fetch(batch)));
        timed.awaitInFlight(2, Duration.ofSeconds(10));
        ticker.advance(Duration.ofSeconds(1));
        for (Future<List<FetchResult>> f : both) {
          f.get(10, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(timed).calls().overlapped().hasMaxConcurrencyAtMost(2);
      assertThat(failureOf(() -> assertThat(timed).calls().neverOverlapped()))
          .startsWith("Expecting no two calls to overlap but up to 2 were in flight at once:");
      assertThat(failureOf(() -> assertThat(timed).calls().hasMaxConcurrencyAtMost(1)))
          .startsWith("Expecting at most 1 call in flight at once but there were 2:");
    }

    @Test
    void nullFailsOnTheFirstCheck() {
      assertThat(failureOf(() -> assertThat((FakeAws) null).calls()))
          .contains("Expecting actual not to be null");
      assertThat(failureOf(() -> assertThatCalls(null).hasSize(0)))
          .contains("Expecting actual not to be null");
    }
  }
}
