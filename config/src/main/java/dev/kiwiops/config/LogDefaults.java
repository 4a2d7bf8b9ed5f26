package dev.kiwiops.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration of kiwiops, in code (registered in {@code META-INF/services}): one
 * appender on standard error (the console chat keeps standard output), kiwiops' loggers and the
 * root at WARN unless {@code -Dkiwiops.log.level} / {@code -Dkiwiops.root.log.level} say otherwise;
 * {@link LogSetup} then sets what {@code run} wants. Reading an XML file instead costs Logback's
 * XML machinery and the JDK's parser, about 0.3 s of every start-up on two cores.
 *
 * <p>A {@code logback.xml} or {@code logback-test.xml} on the class path, or {@code
 * -Dlogback.configurationFile}, wins: then Logback reads that as usual.
 */
public final class LogDefaults extends ContextAwareBase implements Configurator {
  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    ClassLoader loader = LogDefaults.class.getClassLoader();
    if (System.getProperty("logback.configurationFile") != null
        || loader.getResource("logback-test.xml") != null
        || loader.getResource("logback.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(level("kiwiops.root.log.level"));
    root.addAppender(stderr);
    context.getLogger("dev.kiwiops").setLevel(level("kiwiops.log.level"));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  private static Level level(String property) {
    return Level.toLevel(System.getProperty(property), Level.WARN);
  }
}
