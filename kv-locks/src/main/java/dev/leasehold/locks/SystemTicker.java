package dev.leasehold.locks;

/** {@link Ticker#system()}: one shared instance instead of a new lambda per call. */
enum SystemTicker implements Ticker {
  INSTANCE;

  @Override
  public long read() {
    return System.nanoTime();
  }
}
