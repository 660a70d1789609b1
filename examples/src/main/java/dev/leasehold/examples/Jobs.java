package dev.leasehold.examples;

import dev.leasehold.kv.AtomicOperation;
import dev.leasehold.kv.ConditionFailedException;
import dev.leasehold.kv.Entry;
import dev.leasehold.kv.KeyNotFoundException;
import dev.leasehold.kv.ListOptions;
import dev.leasehold.kv.Store;
import dev.leasehold.kv.VersionMismatchException;
import dev.leasehold.kv.codec.JsonCodec;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The jobs of the competing-consumers example. A pending job lives under {@code pending/<shard>/}; completing
 * it moves it to {@code done/} in one atomic commit. Shards let workers start in different places instead of
 * all fighting over the first pending job. The pending record is the resource the claims protect: it
 * remembers the largest fencing token that claimed it, and the completion commit only succeeds for the
 * claim that wrote it last.
 */
final class Jobs {
  private static final String PENDING = "pending/";
  private static final String DONE = "done/";
  private static final JsonCodec<Job> CODEC = JsonCodec.of(Job.class);
  /** Jobs written per commit. */
  private static final int SEED_BATCH = 100;
  /** How many shards the pending jobs are spread over. */
  static final int SHARDS = 16;

  private final Store store;

  /** A job as stored: its payload, the largest fencing token that claimed it, and who completed it. */
  record Job(String id, String payload, long fence, String doneBy) {}

  /** A pending job read at a version. */
  record Seen(String key, Job job, long version) {
    String claimName() {
      return "claims/" + job.id();
    }
  }

  Jobs(Store store) {
    this.store = store;
  }

  /** Writes {@code count} pending jobs, spread over the shards, a hundred per commit. */
  void seed(int count) {
    for (int first = 0; first < count; first += SEED_BATCH) {
      AtomicOperation batch = store.atomic();
      for (int i = first; i < Math.min(count, first + SEED_BATCH); i++) {
        String id = String.format("%06d", i);
        batch.set(PENDING + shard(i) + id, CODEC.encode(new Job(id, "payload of job " + id, 0, null)));
      }
      batch.commit();
    }
  }

  /** Up to {@code limit} pending jobs of one shard, in key order: usually one listing request. */
  List<Seen> pending(int shard, int limit) {
    return store.list(PENDING + shard(shard), ListOptions.builder().limit(limit).build()).entries().stream()
        .map(Jobs::seen).collect(Collectors.toList());
  }

  private static String shard(int n) {
    return String.format("%02d/", n % SHARDS);
  }

  /**
   * Records on the job that the claim with {@code token} now owns it, so completions by earlier claims are
   * refused. One conditional write; on a conflict, one more with the version the conflict reported.
   *
   * @return the job at its fenced version, or empty when it is done or a later claim fenced it
   */
  Optional<Seen> fence(Seen seen, long token) {
    try {
      return fenceAt(seen, token);
    } catch (VersionMismatchException conflict) {
      try {
        return fenceAt(seen(conflict.current().orElseThrow()), token);
      } catch (ConditionFailedException again) {
        // Fenced again by a later claim, or completed meanwhile.
        return Optional.empty();
      }
    } catch (KeyNotFoundException completed) {
      return Optional.empty();
    }
  }

  private Optional<Seen> fenceAt(Seen current, long token) {
    if (current.job().fence() > token) {
      return Optional.empty();
    }
    Job fenced = new Job(current.job().id(), current.job().payload(), token, null);
    Entry written = store.update(current.key(), CODEC.encode(fenced), current.version());
    return Optional.of(new Seen(current.key(), fenced, written.version()));
  }

  /**
   * Completes a fenced job, only if no later claim fenced it since (the fencing token at work): removes it
   * from the pending jobs and records it as done, in one atomic commit.
   *
   * @return false when a later claim owns the job, and nothing was written
   */
  boolean complete(Seen fenced, String worker) {
    Job job = fenced.job();
    return store.atomic()
        .check(fenced.key(), fenced.version())
        .delete(fenced.key())
        .set(DONE + job.id(), CODEC.encode(new Job(job.id(), job.payload(), job.fence(), worker)))
        .commit()
        .ok();
  }

  /** How many jobs are done. */
  long doneCount() {
    return store.scan(DONE).count();
  }

  private static Seen seen(Entry entry) {
    return new Seen(entry.key(), CODEC.decode(entry.value()), entry.version());
  }
}
