package dev.kiwiops.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * Log settings of {@code kiwiops run}: kiwiops' own loggers at INFO (DEBUG with {@code --debug}),
 * so each command outcome is one line, and {@code logging.format: json} writes one JSON object per
 * line through Logback's own encoder.
 */
final class LogSetup {
  private LogSetup() {}

  static void apply(KiwiopsConfig.Logging logging, boolean debug) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    context.getLogger("dev.kiwiops").setLevel(debug ? Level.DEBUG : Level.INFO);
    if (logging.format() != KiwiopsConfig.Logging.Format.JSON) {
      return;
    }
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      if (it.next() instanceof ConsoleAppender<ILoggingEvent> console) {
        console.stop();
        JsonEncoder json = new JsonEncoder();
        json.setContext(context);
        json.setWithSequenceNumber(false);
        json.setWithNanoseconds(false);
        json.setWithContext(false);
        json.setWithMDC(false);
        // The message as written, not its template and arguments apart.
        json.setWithFormattedMessage(true);
        json.setWithMessage(false);
        json.setWithArguments(false);
        json.start();
        console.setEncoder(json);
        console.start();
      }
    }
  }
}
