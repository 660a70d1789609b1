package dev.leasehold.locks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SemaphoreSlotTest {

  @Test
  void theCanonicalNumbersBelowThePermitsAreSlots() {
    assertThat(Semaphore.slotOf("0", 3)).isZero();
    assertThat(Semaphore.slotOf("2", 3)).isEqualTo(2);
    assertThat(Semaphore.slotOf("998", Semaphore.MAX_PERMITS)).isEqualTo(998);
  }

  @Test
  void otherKeysUnderThePrefixAreNotSlots() {
    assertThat(Semaphore.slotOf("3", 3)).isEqualTo(-1);
    assertThat(Semaphore.slotOf("", 3)).isEqualTo(-1);
    assertThat(Semaphore.slotOf("01", 3)).isEqualTo(-1);
    assertThat(Semaphore.slotOf("+1", 3)).isEqualTo(-1);
    assertThat(Semaphore.slotOf("-0", 3)).isEqualTo(-1);
    assertThat(Semaphore.slotOf("1/x", 3)).isEqualTo(-1);
    assertThat(Semaphore.slotOf("notes", 3)).isEqualTo(-1);
    assertThat(Semaphore.slotOf("99999999999", 3)).isEqualTo(-1);
  }
}
