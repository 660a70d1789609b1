package dev.leasehold.benchmarks.sidebyside;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Simulates the crash of a lock holder on its own {@code DynamoDbClient}: once {@linkplain #cut() cut}, every
 * request fails in the client as if the network were gone, so no release, renewal or heartbeat reaches the
 * server, whatever the library's threads keep trying. The library's objects are left alone, as a crashed
 * process would leave them. Also remembers when the last request the server answered was sent: the moment
 * the store last heard from the holder, from which any lease must be counted.
 */
final class ConnectionCut implements ExecutionInterceptor {
  private static final ExecutionAttribute<Long> SENT_AT = new ExecutionAttribute<>("benchmarks.sentAt");

  private volatile boolean cut;
  private volatile long lastAnsweredSentAt;

  /** From now on every request of this client fails before it is sent. */
  void cut() {
    cut = true;
  }

  /** When the last request the server answered successfully was sent, on {@link System#nanoTime()}. */
  long lastAnsweredSentAt() {
    return lastAnsweredSentAt;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    if (cut) {
      throw SdkClientException.create("connection cut: the benchmark simulates a crash of this lock holder");
    }
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    attributes.putAttribute(SENT_AT, System.nanoTime());
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    Long sentAt = attributes.getAttribute(SENT_AT);
    if (sentAt != null) {
      synchronized (this) {
        if (sentAt - lastAnsweredSentAt > 0 || lastAnsweredSentAt == 0) {
          lastAnsweredSentAt = sentAt;
        }
      }
    }
  }
}
