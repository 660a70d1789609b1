package dev.leasehold.locks.testkit;

import dev.leasehold.locks.Semaphore;
import java.util.Random;

/** What one thread of a semaphore fuzz does in one round. */
@FunctionalInterface
interface PermitRound {
  void run(Semaphore semaphore, Random random) throws Exception;
}
