package dev.leasehold.locks;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leasehold.kv.Entry;
import dev.leasehold.kv.codec.CodecException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LockRecordTest {
  private static final LockOptions OPTIONS = LockOptions.lease(Duration.ofSeconds(10)).data("host-a".getBytes(UTF_8));

  @Test
  void anAcquisitionsTokenIsTheVersionItsWriteGets() {
    LockRecord record = LockRecord.acquiring("worker-7", OPTIONS);

    Entry entry = entry(record.encode(), 42);
    LockRecord read = LockRecord.of(entry);

    assertThat(read.token()).isNull();
    assertThat(read.fencingToken(entry)).isEqualTo(42);
    assertThat(read.info(entry)).isEqualTo(
        new LockInfo("orders/42", "worker-7", 42, Duration.ofSeconds(10), "host-a".getBytes(UTF_8)));
  }

  @Test
  void aRenewalCarriesTheTokenOfItsLeaseWhateverItsVersion() {
    LockRecord record = LockRecord.renewing("worker-7", OPTIONS, 42);

    Entry entry = entry(record.encode(), 57);

    assertThat(LockRecord.of(entry).fencingToken(entry)).isEqualTo(42);
    assertThat(LockRecord.of(entry).info(entry).fencingToken()).isEqualTo(42);
  }

  @Test
  void everyWriteHasItsOwnNonce() {
    LockRecord first = LockRecord.acquiring("worker-7", OPTIONS);
    LockRecord second = LockRecord.acquiring("worker-7", OPTIONS);

    assertThat(first.nonce()).isNotEqualTo(second.nonce());
    assertThat(LockRecord.of(entry(first.encode(), 1)).nonce()).isEqualTo(first.nonce());
  }

  @Test
  void aSubMillisecondLeaseIsRecordedRoundedUpSoWaitersNeverTakeOverEarly() {
    LockRecord record = LockRecord.acquiring("worker-7", LockOptions.lease(Duration.ofNanos(1_500_000)));

    assertThat(record.leaseMillis()).isEqualTo(2);
    assertThat(LockRecord.acquiring("worker-7", LockOptions.lease(Duration.ofMillis(3))).leaseMillis()).isEqualTo(3);
  }

  @Test
  void fieldsFromALaterVersionAreIgnored() {
    byte[] json = "{\"owner\":\"w\",\"leaseMillis\":5,\"nonce\":\"n\",\"priority\":3}".getBytes(UTF_8);

    LockRecord record = LockRecord.of(entry(json, 9));

    assertThat(record.owner()).isEqualTo("w");
    assertThat(record.info(entry(json, 9)).data()).isEmpty();
  }

  @Test
  void aValueThatIsNotALockRecordIsReportedWithoutShowingIt() {
    for (String value : new String[] {"secret", "{\"owner\":\"secret\"}", "17"}) {
      assertThatThrownBy(() -> LockRecord.of(entry(value.getBytes(UTF_8), 3)))
          .isInstanceOf(CodecException.class)
          .hasMessageContaining("'orders/42'")
          .hasMessageContaining("not a Leasehold lock record")
          .hasMessageNotContaining("secret");
    }
  }

  private static Entry entry(byte[] value, long version) {
    return Entry.of("orders/42", value, version, Optional.empty());
  }
}
