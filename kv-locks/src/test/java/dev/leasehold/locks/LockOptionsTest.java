package dev.leasehold.locks;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leasehold.kv.Backoff;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LockOptionsTest {
  private static final Duration LEASE = Duration.ofSeconds(10);

  @Test
  void aLeaseAloneGetsTheDefaultsForEverythingElse() {
    LockOptions options = LockOptions.lease(LEASE);

    assertThat(options.leaseLength()).isEqualTo(LEASE);
    assertThat(options.maxWait()).isEmpty();
    assertThat(options.backoff()).isEqualTo(LockOptions.DEFAULT_BACKOFF);
    assertThat(options.data()).isEmpty();
    assertThat(options.renewsAutomatically()).isTrue();
    assertThat(options.maxClockSkew()).isEqualTo(LockOptions.DEFAULT_MAX_CLOCK_SKEW).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void leaseLengthsOutsideTheLimitsAreRejected() {
    assertThatThrownBy(() -> LockOptions.lease(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> LockOptions.lease(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lease length");
    assertThatThrownBy(() -> LockOptions.lease(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LockOptions.lease(LockOptions.MAX_LEASE.plusNanos(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(LockOptions.lease(LockOptions.MIN_LEASE).leaseLength()).isEqualTo(LockOptions.MIN_LEASE);
    assertThat(LockOptions.lease(LockOptions.MAX_LEASE).leaseLength()).isEqualTo(LockOptions.MAX_LEASE);
  }

  @Test
  void waitsAreForeverAtMostOrNone() {
    LockOptions options = LockOptions.lease(LEASE);

    assertThat(options.waitAtMost(Duration.ofSeconds(30)).maxWait()).contains(Duration.ofSeconds(30));
    assertThat(options.noWait().maxWait()).contains(Duration.ZERO);
    assertThat(options.noWait().waitForever().maxWait()).isEmpty();
    assertThatThrownBy(() -> options.waitAtMost(Duration.ofNanos(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> options.waitAtMost(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void withersReturnNewOptionsAndLeaveTheOriginalUnchanged() {
    LockOptions original = LockOptions.lease(LEASE);
    Backoff backoff = Backoff.exponential(Duration.ofMillis(5), Duration.ofMillis(50));

    LockOptions changed = original.waitAtMost(Duration.ofSeconds(1)).backoff(backoff).data(new byte[] {1})
        .manualRenewal().maxClockSkew(Duration.ofMillis(200));

    assertThat(original).isEqualTo(LockOptions.lease(LEASE));
    assertThat(changed.maxWait()).contains(Duration.ofSeconds(1));
    assertThat(changed.backoff()).isEqualTo(backoff);
    assertThat(changed.data()).containsExactly(1);
    assertThat(changed.renewsAutomatically()).isFalse();
    assertThat(changed.autoRenewal().renewsAutomatically()).isTrue();
    assertThat(changed.maxClockSkew()).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void dataIsCopiedInAndOut() {
    byte[] data = "host-a".getBytes(UTF_8);
    LockOptions options = LockOptions.lease(LEASE).data(data);
    data[0] = 'X';
    options.data()[1] = 'Y';

    assertThat(options.data()).isEqualTo("host-a".getBytes(UTF_8));
  }

  @Test
  void dataLargerThanTheLimitIsRejected() {
    LockOptions options = LockOptions.lease(LEASE);

    assertThat(options.data(new byte[LockOptions.MAX_DATA_BYTES]).data()).hasSize(LockOptions.MAX_DATA_BYTES);
    assertThatThrownBy(() -> options.data(new byte[LockOptions.MAX_DATA_BYTES + 1]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MAX_DATA_BYTES");
    assertThatThrownBy(() -> options.data(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void clockSkewMustBeBetweenZeroAndTheLimit() {
    LockOptions options = LockOptions.lease(LEASE);

    assertThat(options.maxClockSkew(Duration.ZERO).maxClockSkew()).isZero();
    assertThatThrownBy(() -> options.maxClockSkew(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> options.maxClockSkew(LockOptions.MAX_CLOCK_SKEW.plusMillis(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void optionsAreEqualByValueIncludingTheDataBytes() {
    LockOptions one = LockOptions.lease(LEASE).data(new byte[] {1, 2});
    LockOptions same = LockOptions.lease(LEASE).data(new byte[] {1, 2});

    assertThat(one).isEqualTo(same).hasSameHashCodeAs(same);
    assertThat(one).isNotEqualTo(LockOptions.lease(LEASE).data(new byte[] {1, 3}));
    assertThat(one).isNotEqualTo(one.noWait());
  }

  @Test
  void toStringShowsTheDataByLengthOnly() {
    LockOptions options = LockOptions.lease(LEASE).data("secret".getBytes(UTF_8));

    assertThat(options.toString()).contains("6 bytes").doesNotContain("secret");
  }
}
