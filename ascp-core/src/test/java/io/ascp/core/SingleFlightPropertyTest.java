// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.api.CallerIdentity;
import io.ascp.api.spi.FetchResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random interleavings of batches from several identities over a few objects, all released at once:
 * every object of every batch gets the value read with its own identity, and nothing stays in
 * flight.
 */
class SingleFlightPropertyTest {
  static final List<CallerIdentity> IDENTITIES =
      List.of(
          SingleFlightTest.irsa("app", "web", "web-0"),
          SingleFlightTest.irsa("app", "web", "web-1"),
          SingleFlightTest.irsa("other", "web", "web-0"),
          SingleFlightTest.podIdentity("web", "web-0"),
          SingleFlightTest.podIdentity("web", "web-1"));
  static final List<String> NAMES = List.of("a", "b", "c", "d");
  static final ExecutorService POOL = Executors.newFixedThreadPool(8);

  record Op(int identity, List<String> names) {}

  @AfterContainer
  static void stop() {
    POOL.shutdownNow();
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<Op> op =
        Combinators.combine(
                Arbitraries.integers().between(0, IDENTITIES.size() - 1),
                Arbitraries.of(NAMES).list().ofMinSize(1).ofMaxSize(4))
            .as(Op::new);
    return op.list().ofMinSize(2).ofMaxSize(12);
  }

  @Property(tries = 60)
  void everyObjectGetsTheValueOfItsOwnIdentity(@ForAll("ops") List<Op> ops) throws Exception {
    SingleFlight flights = new SingleFlight();
    GateSource source = new GateSource();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<FetchResult>>> results = new ArrayList<>();
    for (Op op : ops) {
      CallerIdentity identity = IDENTITIES.get(op.identity());
      results.add(
          POOL.submit(
              () -> {
                start.await();
                return flights.fetch(
                    source,
                    SingleFlightTest.batch(identity, op.names().toArray(String[]::new)),
                    true,
                    (q, f) -> {});
              }));
    }
    start.countDown();
    for (int k = 0; k < ops.size(); k++) {
      Op op = ops.get(k);
      CallerIdentity identity = IDENTITIES.get(op.identity());
      List<FetchResult> got = results.get(k).get(30, TimeUnit.SECONDS);
      assertThat(got).hasSize(op.names().size());
      for (int j = 0; j < got.size(); j++) {
        assertThat(SingleFlightTest.text(got.get(j)))
            .isEqualTo(GateSource.valueOf(identity, op.names().get(j)));
      }
    }
    assertThat(flights.inFlight()).isZero();
    // Never more calls per (identity key, object) than requests for it, never a duplicate in one.
    for (var batch : source.batches) {
      Set<String> distinct = new LinkedHashSet<>();
      batch.objects().forEach(o -> distinct.add(o.name()));
      assertThat(distinct).hasSize(batch.objects().size());
    }
  }
}
