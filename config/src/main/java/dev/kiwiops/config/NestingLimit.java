package dev.kiwiops.config;

import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * A YAML event stream that refuses collections nested deeper than a limit. snakeyaml-engine's
 * composer builds nodes recursively, so without it a line of a few thousand {@code [} ends in a
 * {@link StackOverflowError}; the parser below it is iterative, so counting here, before the
 * composer descends, keeps the stack shallow.
 */
final class NestingLimit implements Parser {
  private final Parser parser;
  private final int limit;
  private int depth;

  NestingLimit(Parser parser, int limit) {
    this.parser = parser;
    this.limit = limit;
  }

  @Override
  public boolean checkEvent(Event.ID choice) {
    return parser.checkEvent(choice);
  }

  @Override
  public Event peekEvent() {
    return parser.peekEvent();
  }

  @Override
  public boolean hasNext() {
    return parser.hasNext();
  }

  @Override
  public Event next() {
    Event event = parser.next();
    switch (event.getEventId()) {
      case SequenceStart, MappingStart -> {
        if (++depth > limit) {
          throw new TooDeep(event.getStartMark().map(m -> m.getLine() + 1).orElse(1), limit);
        }
      }
      case SequenceEnd, MappingEnd -> depth--;
      default -> {
        // scalars, aliases, document and stream markers do not nest
      }
    }
    return event;
  }

  /** Nesting went past the limit at {@link #line()}. */
  static final class TooDeep extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int line;

    TooDeep(int line, int limit) {
      super("lists and mappings nested more than " + limit + " deep", null, false, false);
      this.line = line;
    }

    int line() {
      return line;
    }
  }
}
