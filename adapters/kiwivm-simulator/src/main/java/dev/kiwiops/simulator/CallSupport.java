package dev.kiwiops.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** The answer shapes every group of calls shares. */
final class CallSupport {

  private CallSupport() {}

  static Map<String, Object> ok() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", 0);
    return body;
  }

  /** The answer to a call whose outcome KiwiVM also mails to the server's owner. */
  static Map<String, Object> okNotifying(SimulatedServer s) {
    Map<String, Object> body = ok();
    body.put("notificationEmail", s.spec().email());
    return body;
  }
}
