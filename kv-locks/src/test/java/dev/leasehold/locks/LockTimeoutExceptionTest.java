package dev.leasehold.locks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leasehold.kv.StoreUnavailableException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LockTimeoutExceptionTest {

  @Test
  void theMessageNamesTheLockTheWaitAndTheHolder() {
    LockInfo holder = new LockInfo("orders/42", "worker-3", 17, Duration.ofSeconds(10), new byte[0]);

    LockTimeoutException e = new LockTimeoutException("orders/42", Duration.ofSeconds(30), holder, null);

    assertThat(e).hasMessage(
        "lock 'orders/42' not acquired within PT30S: held by 'worker-3' (fencing token 17)");
    assertThat(e.holder()).contains(holder);
  }

  @Test
  void withoutAHolderTheMessageBlamesTheStoreAndKeepsTheCause() {
    StoreUnavailableException cause = new StoreUnavailableException("timeout", null);

    LockTimeoutException e = new LockTimeoutException("orders/42", Duration.ZERO, null, cause);

    assertThat(e).hasMessage("lock 'orders/42' not acquired: the store could not be reached")
        .hasCause(cause);
    assertThat(e.holder()).isEmpty();
  }
}
