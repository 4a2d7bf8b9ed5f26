package dev.kiwiops.core.watch;

import java.util.List;
import java.util.Optional;

/** {@code api-auth}: KiwiVM rejects this server's veid or API key ({@code 700005}). */
final class ApiAuthRule implements AlertRule {

  @Override
  public AlertKind kind() {
    return AlertKind.API_AUTH;
  }

  @Override
  public Optional<List<Finding>> evaluate(Observation o) {
    String server = o.server().name();
    if (o.keyRejected()) {
      return Optional.of(
          List.of(
              Finding.of(
                  new IncidentKey(kind(), server, ""),
                  server + ": API key rejected",
                  "KiwiVM answers 700005 (authentication failure) for "
                      + server
                      + ": check its veid and API key in the config. The watcher cannot see this"
                      + " server until then.")));
    }
    return o.info().isPresent() ? Optional.of(List.of()) : Optional.empty();
  }

  @Override
  public String resolvedText(Incident incident) {
    return "KiwiVM accepts the API key of " + incident.key().server() + " again.";
  }
}
