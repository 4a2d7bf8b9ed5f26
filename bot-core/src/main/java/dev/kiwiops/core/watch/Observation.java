package dev.kiwiops.core.watch;

import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.LiveServiceInfo;
import dev.kiwiops.core.kiwivm.PolicyViolations;
import dev.kiwiops.core.kiwivm.RateLimitStatus;
import dev.kiwiops.core.kiwivm.ServiceInfo;
import dev.kiwiops.core.kiwivm.SuspensionDetails;
import java.time.Instant;
import java.util.Optional;

/**
 * What one cycle learned about one server. Each part is empty when it was not fetched this cycle or
 * the call failed; rules then say they cannot tell, and open incidents of their kind stay open.
 *
 * @param keyRejected whether the API rejected this server's key ({@code 700005}) this cycle
 * @param stoppedThroughBot whether a permitted user stopped this server through the bot
 * @param suspensionAsked whether {@code getSuspensionDetails} was called this cycle (it is not
 *     while a suspension incident is open)
 */
record Observation(
    FleetServer server,
    Instant now,
    Optional<ServiceInfo> info,
    boolean keyRejected,
    Optional<LiveServiceInfo> live,
    Optional<PolicyViolations> violations,
    Optional<SuspensionDetails> suspension,
    Optional<RateLimitStatus> rateLimit,
    boolean stoppedThroughBot,
    boolean suspensionAsked) {}
