package dev.leasehold.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommitResultTest {

  @Test
  void aCommitFailsExactlyWhenItHasConflicts() {
    CommitResult.Conflict conflict = new CommitResult.Conflict("k", Optional.empty());

    assertThat(CommitResult.committed().ok()).isTrue();
    assertThat(CommitResult.rejected(List.of(conflict)).conflicts()).containsExactly(conflict);
    assertThatThrownBy(() -> CommitResult.rejected(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CommitResult(true, List.of(conflict)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
