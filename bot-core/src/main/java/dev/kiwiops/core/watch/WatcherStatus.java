package dev.kiwiops.core.watch;

import java.time.Instant;
import java.util.Optional;

/**
 * The watcher's health for {@code /healthz} and {@code /metrics}.
 *
 * @param lastCycleAt when the latest cycle finished polling every server (or gave up on the slow
 *     ones); empty before the first cycle ends
 * @param pollFailures server polls that failed (upstream error, timeout, internal error)
 * @param deliveryFailures failed sink deliveries (each is retried)
 */
public record WatcherStatus(
    Optional<Instant> lastCycleAt,
    long cycles,
    long pollFailures,
    long alertsRaised,
    long alertsResolved,
    int openIncidents,
    long delivered,
    long deliveryFailures) {}
