package dev.leasehold.locks.testkit;

import dev.leasehold.locks.LeaderElection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A leader election listener that records what it is told, in order, and on which threads. */
class ListenerLog implements LeaderElection.Listener {
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final Set<String> threads = ConcurrentHashMap.newKeySet();

  /** How an election is logged. */
  static String electedWith(long fencingToken) {
    return "elected " + fencingToken;
  }

  /** How a revocation is logged. */
  static final String REVOKED = "revoked";

  @Override
  public void elected(long fencingToken) {
    threads.add(Thread.currentThread().getName());
    events.add(electedWith(fencingToken));
  }

  @Override
  public void revoked() {
    threads.add(Thread.currentThread().getName());
    events.add(REVOKED);
  }

  List<String> events() {
    return List.copyOf(events);
  }

  Set<String> threads() {
    return Set.copyOf(threads);
  }

  /** Whether the events alternate, starting with an election. */
  boolean alternates() {
    List<String> heard = events();
    for (int i = 0; i < heard.size(); i++) {
      if (heard.get(i).startsWith("elected") != (i % 2 == 0)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return events.toString();
  }
}
