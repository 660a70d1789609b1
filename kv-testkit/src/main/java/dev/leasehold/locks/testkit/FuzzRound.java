package dev.leasehold.locks.testkit;

import dev.leasehold.locks.LockClient;
import java.util.Random;

/** What one thread of a mutual exclusion fuzz does in one round with one of the contended locks. */
@FunctionalInterface
interface FuzzRound {
  void run(LockClient client, int lock, Random random) throws Exception;
}
