package dev.leasehold.kv.testkit;

import dev.leasehold.kv.Store;

/**
 * What the contract tests need from the backend under test: an empty store and the clock it judges expiry
 * by. Implemented by {@link StoreContract}.
 */
public interface StoreFixture {
  /**
   * The empty store created for the current test.
   *
   * @return the store
   */
  Store store();

  /**
   * The clock the store judges expiry by; tests move it instead of sleeping.
   *
   * @return the clock
   */
  ManualClock clock();
}
