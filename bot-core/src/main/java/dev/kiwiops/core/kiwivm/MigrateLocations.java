package dev.kiwiops.core.kiwivm;

import java.util.List;

/** {@code migrate/getLocations}: the current location and where the VPS may move to. */
public record MigrateLocations(String currentLocation, List<Location> locations) {
  public MigrateLocations {
    locations = List.copyOf(locations);
  }

  /** A location id, its description, and its data transfer multiplier. */
  public record Location(String id, String description, double dataTransferMultiplier) {}
}
