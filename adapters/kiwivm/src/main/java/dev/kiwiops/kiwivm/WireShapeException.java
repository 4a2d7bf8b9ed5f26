package dev.kiwiops.kiwivm;

/** An answer's JSON is well-formed but not of the shape its call returns. */
final class WireShapeException extends RuntimeException {
  WireShapeException(String message) {
    super(message);
  }
}
