// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static java.util.Objects.requireNonNull;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.ascp.api.ObjectType;
import io.ascp.api.spi.FetchBatch;
import io.ascp.api.spi.FetchResult;
import io.ascp.api.spi.ObjectRequest;
import io.ascp.api.spi.SecretSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Coalesces identical concurrent fetches: while one backend call for an object is in flight, a
 * request for the same object (same {@link IdentityKey}, region, type, name and version selector)
 * waits for that call's result instead of making its own.
 *
 * <p>Sources take batches, so coalescing is per object: of a batch, the objects nobody is fetching
 * go to the source as one smaller batch (this request becomes their owner), the others are awaited.
 * The owner fetches before it waits, so two batches that wait on each other's objects cannot
 * deadlock. Entries are removed when their call ends, before the waiters are released; nothing
 * outlives the call.
 *
 * <p>Outcomes are shared as they are, failures included, with three exceptions:
 *
 * <ul>
 *   <li>a {@code CREDENTIALS} failure depends on the owner's own token, so a waiter that gets one
 *       fetches the object again with its own credentials, uncoalesced;
 *   <li>if the owner's thread was interrupted during the call (its mount was cancelled), the
 *       outcome may be an artefact of the cancellation: waiters start over, one of them becoming
 *       the new owner;
 *   <li>a waiter that is interrupted stops waiting alone; the call and the other waiters go on.
 * </ul>
 */
final class SingleFlight {

  /** What one coalesced fetch is for. */
  record Key(IdentityKey identity, String region, ObjectType type, ObjectRequest request) {
    Key {
      requireNonNull(identity, "identity");
      requireNonNull(region, "region");
      requireNonNull(type, "type");
      requireNonNull(request, "request");
    }
  }

  /** How a flight ended, as its waiters see it. */
  private sealed interface Outcome {}

  private record Done(FetchResult result) implements Outcome {}

  private record Abandoned() implements Outcome {}

  private static final Outcome ABANDONED = new Abandoned();

  private final ConcurrentHashMap<Key, CompletableFuture<Outcome>> flights =
      new ConcurrentHashMap<>();

  /**
   * Fetches {@code batch} from {@code source}, sharing calls with concurrent identical requests
   * when {@code mayShare}; otherwise the whole batch goes to the source as it is. {@code onFound}
   * hears each value this request's own calls read, before any waiter is released.
   *
   * @return one result per object, in order
   * @throws AscpException when the source failed the whole batch of this request's own objects
   *     (also when waiting was interrupted: {@code INTERNAL})
   * @throws RuntimeException whatever a buggy source threw
   */
  List<FetchResult> fetch(
      SecretSource source,
      FetchBatch batch,
      boolean mayShare,
      BiConsumer<ObjectRequest, FetchResult.Found> onFound) {
    if (!mayShare) {
      List<FetchResult> results = checked(batch, source.fetch(batch));
      report(batch.objects(), results, onFound);
      return results;
    }
    IdentityKey identity = IdentityKey.of(batch.identity());
    List<ObjectRequest> objects = batch.objects();
    @Nullable FetchResult[] out = new FetchResult[objects.size()];
    List<Integer> remaining = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      remaining.add(i);
    }
    List<Integer> ownCredentials = new ArrayList<>();
    while (!remaining.isEmpty()) {
      Map<Key, CompletableFuture<Outcome>> owned = new LinkedHashMap<>();
      List<Integer> ownedIndices = new ArrayList<>();
      Map<Integer, CompletableFuture<Outcome>> joined = new LinkedHashMap<>();
      for (int i : remaining) {
        Key key = new Key(identity, batch.region(), batch.type(), objects.get(i));
        CompletableFuture<Outcome> mine = new CompletableFuture<>();
        CompletableFuture<Outcome> existing = flights.putIfAbsent(key, mine);
        if (existing == null) {
          owned.put(key, mine);
          ownedIndices.add(i);
        } else {
          joined.put(i, existing);
        }
      }
      if (!owned.isEmpty()) {
        fly(source, batch, owned, ownedIndices, out, onFound);
      }
      List<Integer> again = new ArrayList<>();
      for (Map.Entry<Integer, CompletableFuture<Outcome>> wait : joined.entrySet()) {
        int i = wait.getKey();
        Outcome outcome = await(wait.getValue());
        if (outcome instanceof Done done) {
          if (done.result() instanceof FetchResult.Failed failed
              && failed.error().code() == ErrorCode.CREDENTIALS) {
            ownCredentials.add(i);
          } else {
            out[i] = done.result();
          }
        } else {
          again.add(i);
        }
      }
      remaining = again;
    }
    if (!ownCredentials.isEmpty()) {
      List<ObjectRequest> requests = new ArrayList<>();
      for (int i : ownCredentials) {
        requests.add(objects.get(i));
      }
      FetchBatch own = new FetchBatch(batch.type(), batch.region(), batch.identity(), requests);
      List<FetchResult> results;
      try {
        results = checked(own, source.fetch(own));
      } catch (AscpException e) {
        results = failAll(requests, e);
      }
      report(requests, results, onFound);
      for (int k = 0; k < ownCredentials.size(); k++) {
        out[ownCredentials.get(k)] = results.get(k);
      }
    }
    List<FetchResult> results = new ArrayList<>(out.length);
    for (FetchResult r : out) {
      results.add(requireNonNull(r, "a coalesced fetch left an object unanswered (a bug)"));
    }
    return results;
  }

  /** Runs this request's own call and releases its waiters, whatever happens. */
  private void fly(
      SecretSource source,
      FetchBatch batch,
      Map<Key, CompletableFuture<Outcome>> owned,
      List<Integer> ownedIndices,
      @Nullable FetchResult[] out,
      BiConsumer<ObjectRequest, FetchResult.Found> onFound) {
    List<ObjectRequest> requests = new ArrayList<>(owned.size());
    for (Key key : owned.keySet()) {
      requests.add(key.request());
    }
    List<Outcome> outcomes = new ArrayList<>(owned.size());
    try {
      FetchBatch mine = new FetchBatch(batch.type(), batch.region(), batch.identity(), requests);
      List<FetchResult> results;
      try {
        results = checked(mine, source.fetch(mine));
      } catch (AscpException e) {
        results = failAll(requests, e);
      }
      report(requests, results, onFound);
      boolean cancelled = Thread.currentThread().isInterrupted();
      for (int k = 0; k < results.size(); k++) {
        out[ownedIndices.get(k)] = results.get(k);
        outcomes.add(cancelled ? ABANDONED : new Done(results.get(k)));
      }
    } finally {
      // On a throw (a buggy source, an Error) the waiters start over rather than hang.
      int k = 0;
      for (Map.Entry<Key, CompletableFuture<Outcome>> e : owned.entrySet()) {
        Outcome outcome = k < outcomes.size() ? outcomes.get(k) : ABANDONED;
        flights.remove(e.getKey(), e.getValue());
        e.getValue().complete(outcome);
        k++;
      }
    }
  }

  private static Outcome await(CompletableFuture<Outcome> flight) {
    try {
      return flight.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AscpException(ErrorCode.INTERNAL, "The mount was interrupted", e);
    } catch (ExecutionException e) {
      // Flights are only ever completed normally.
      throw new IllegalStateException("a flight failed unexpectedly", e);
    }
  }

  private static void report(
      List<ObjectRequest> requests,
      List<FetchResult> results,
      BiConsumer<ObjectRequest, FetchResult.Found> onFound) {
    for (int k = 0; k < results.size(); k++) {
      if (results.get(k) instanceof FetchResult.Found found) {
        onFound.accept(requests.get(k), found);
      }
    }
  }

  /** {@code results} when they answer every object of {@code batch}, else an INTERNAL failure. */
  private static List<FetchResult> checked(FetchBatch batch, List<FetchResult> results) {
    if (results.size() == batch.objects().size()) {
      return results;
    }
    return failAll(
        batch.objects(),
        new AscpException(
            ErrorCode.INTERNAL,
            batch.region()
                + ": the "
                + batch.type()
                + " source returned "
                + results.size()
                + " results for "
                + batch.objects().size()
                + " objects"));
  }

  private static List<FetchResult> failAll(List<ObjectRequest> requests, AscpException error) {
    List<FetchResult> results = new ArrayList<>(requests.size());
    for (ObjectRequest r : requests) {
      results.add(FetchResult.failed(r, error));
    }
    return results;
  }

  /** The number of calls in flight (for tests: zero once every fetch has returned). */
  int inFlight() {
    return flights.size();
  }
}
