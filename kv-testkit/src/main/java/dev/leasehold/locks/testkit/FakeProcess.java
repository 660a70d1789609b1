package dev.leasehold.locks.testkit;

import dev.leasehold.kv.testkit.FaultyStore;
import dev.leasehold.locks.LockClient;

/**
 * A simulated process in a lock test: a lock client with its own scheduler and its own connection to the
 * shared store, all on the test's {@link FakeTime}. Pausing the scheduler stalls the process (no renewals, no
 * retries) while time and the other processes go on; faults set on its store strike only its requests, and
 * its request counts are its own.
 *
 * @param owner the client's owner id
 * @param locks the lock client
 * @param scheduler the scheduler running the client's renewals, waits and callbacks
 * @param store the process's connection to the shared store
 */
public record FakeProcess(String owner, LockClient locks, FakeScheduler scheduler, FaultyStore store) {}
