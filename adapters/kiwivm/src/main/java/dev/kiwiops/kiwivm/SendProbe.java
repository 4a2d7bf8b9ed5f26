package dev.kiwiops.kiwivm;

import okhttp3.Call;
import okhttp3.EventListener;

/**
 * Learns whether one request started going out: set once OkHttp begins to write its headers, which
 * happens only after the connection is up. A failure before that (refused, no route, a connect
 * timeout) means KiwiVM cannot have seen the request; after it, a write may have been done.
 */
final class SendProbe {
  private volatile boolean sent;

  boolean sent() {
    return sent;
  }

  /** The OkHttp event listeners that set the probe tagged on each request. */
  static EventListener.Factory listeners() {
    return call -> {
      SendProbe probe = call.request().tag(SendProbe.class);
      if (probe == null) {
        return EventListener.NONE;
      }
      return new EventListener() {
        @Override
        public void requestHeadersStart(Call c) {
          probe.sent = true;
        }
      };
    };
  }
}
