// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.benchmarks.jmh;

import io.ascp.api.MountParameters;
import io.ascp.api.MountResult;
import io.ascp.core.InMemorySecretSource;
import io.ascp.core.ParameterParser;
import io.ascp.core.SecretMounter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-process steps of one Mount of benchmark 2 (docs/performance.md), without the socket:
 * parsing the class's parameters, and the whole pipeline (parse, fetch from an in-memory source,
 * build the files) through {@link SecretMounter}. The difference from the socket-level figures is
 * the cost of gRPC, the Mount request's attributes and the response.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MountPipelineBenchmark {
  /** Objects per mount: half secrets, half parameters. */
  @Param({"10", "40"})
  public int objects;

  private @Nullable SecretMounter mounter;
  private Map<String, String> parameters = Map.of();

  /** Builds the store and the mounter. */
  @Setup(Level.Trial)
  public void setUp() {
    int secrets = objects / 2;
    int params = objects - secrets;
    InMemorySecretSource.Builder store = InMemorySecretSource.builder();
    StringBuilder yaml = new StringBuilder();
    for (int i = 1; i <= secrets; i++) {
      String name = "bench/secret-%02d".formatted(i);
      store.secret(name, value(name));
      yaml.append("- objectName: ").append(name).append("\n  objectType: secretsmanager\n");
    }
    for (int i = 1; i <= params; i++) {
      String name = "/bench/param-%02d".formatted(i);
      store.parameter(name, value(name));
      yaml.append("- objectName: ").append(name).append("\n  objectType: ssmparameter\n");
    }
    mounter = SecretMounter.builder().source(store.build()).build();
    parameters = Map.of("objects", yaml.toString(), "region", "us-east-1");
  }

  /** Closes the mounter's executor. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (mounter != null) {
      mounter.close();
    }
  }

  private static String value(String name) {
    return (name + ":" + "x".repeat(64)).substring(0, 64);
  }

  /** Parsing the class's parameters (the objects YAML) into validated mount parameters. */
  @Benchmark
  public MountParameters parseParameters() {
    return ParameterParser.parse(parameters, "us-east-1");
  }

  /** The whole pipeline of one mount: parse, fetch from memory, extract, build the files. */
  @Benchmark
  public MountResult mount() {
    SecretMounter m = mounter;
    if (m == null) {
      throw new IllegalStateException("not set up");
    }
    return m.mount(parameters);
  }
}
