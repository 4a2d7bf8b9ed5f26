package dev.kiwiops.core.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The right to watch the fleet of one store: at most one process holds it at a time, so that two
 * processes sharing a store never poll, number and deliver the same alerts twice. The holder renews
 * it while it watches; a lease that is not renewed within its time to live (the holder crashed) can
 * be taken by another process.
 *
 * <p>Holders are names unique per process (for example {@code pid@host} plus a random suffix).
 */
public interface WatchLease {

  /**
   * Takes the lease for {@code holder} until {@code ttl} from now if nobody holds it, its holder
   * let it expire, or {@code holder} already holds it.
   *
   * @return whether {@code holder} holds the lease now
   * @throws AlertStoreException if the store cannot be reached
   */
  boolean tryAcquire(String holder, Duration ttl);

  /**
   * Extends the lease of {@code holder} until {@code ttl} from now.
   *
   * @return false if {@code holder} no longer holds it (another process took it after it expired)
   * @throws AlertStoreException if the store cannot be reached
   */
  boolean renew(String holder, Duration ttl);

  /**
   * Gives the lease up if {@code holder} holds it, so another process may watch at once.
   *
   * @throws AlertStoreException if the store cannot be reached
   */
  void release(String holder);

  /** Who holds the lease now, if anyone holds an unexpired one. */
  Optional<Held> current();

  /** A lease in force: who holds it, since when, and until when unless renewed. */
  record Held(String holder, Instant since, Instant expires) {}
}
