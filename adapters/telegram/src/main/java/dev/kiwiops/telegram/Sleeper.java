package dev.kiwiops.telegram;

import java.time.Duration;

/** Waits: the real one sleeps, tests advance a fake clock instead. */
interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;

  Sleeper REAL =
      duration -> {
        if (!duration.isNegative() && !duration.isZero()) {
          Thread.sleep(duration.toMillis());
        }
      };
}
