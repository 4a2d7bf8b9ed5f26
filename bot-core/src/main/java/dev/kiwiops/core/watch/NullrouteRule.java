package dev.kiwiops.core.watch;

import dev.kiwiops.core.format.Units;
import dev.kiwiops.core.kiwivm.ServiceInfo;
import dev.kiwiops.core.reply.Attachment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@code nullroute}: one incident per null-routed IP, with the attack log attached. */
final class NullrouteRule implements AlertRule {

  @Override
  public AlertKind kind() {
    return AlertKind.NULLROUTE;
  }

  @Override
  public Optional<List<Finding>> evaluate(Observation o) {
    if (o.info().isEmpty()) {
      return Optional.empty();
    }
    String server = o.server().name();
    List<Finding> findings = new ArrayList<>();
    for (Map.Entry<String, ServiceInfo.Nullroute> e :
        new TreeMap<>(o.info().get().nullroutes()).entrySet()) {
      String ip = e.getKey();
      ServiceInfo.Nullroute route = e.getValue();
      StringBuilder body = new StringBuilder("Traffic to ").append(ip).append(" is null-routed");
      if (route.since() != null) {
        body.append(" since ")
            .append(Units.utc(route.since()))
            .append(" (")
            .append(Units.relative(route.since(), o.now()))
            .append(')');
        if (route.durationSeconds() > 0) {
          body.append(", until ")
              .append(Units.utc(route.since().plus(Duration.ofSeconds(route.durationSeconds()))));
        }
      }
      body.append(". The server is unreachable on this IP until the nullroute ends.");
      String log = route.log() == null ? "" : route.log();
      Optional<Attachment> attachment =
          log.isBlank()
              ? Optional.empty()
              : Optional.of(
                  Attachment.text(
                      "nullroute-" + server + "-" + ip.replace(':', '_') + ".txt", log));
      if (attachment.isEmpty()) {
        body.append(" No attack log was provided.");
      }
      findings.add(
          new Finding(
              new IncidentKey(kind(), server, ip),
              server + ": DDoS nullroute on " + ip,
              body.toString(),
              attachment,
              List.of()));
    }
    return Optional.of(findings);
  }

  @Override
  public String resolvedText(Incident incident) {
    return "The nullroute on " + incident.key().subject() + " was lifted.";
  }
}
