package dev.leasehold.benchmarks.sidebyside;

/**
 * A library as one scenario runs it: its lock clients and the counter on its own DynamoDB client.
 *
 * @param name how the report names it
 * @param locks the lock client
 * @param requests counts what its DynamoDB client sends
 */
record Contender(String name, LockService locks, RequestCounter requests) {}
