package dev.kiwiops.simulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A KiwiVM location as the simulator knows it: the id used by migrate/getLocations and the texts
 * getServiceInfo shows for it.
 */
record DataCenter(
    String id,
    String description,
    String nodeLocation,
    String datacenter,
    double dataTransferMultiplier,
    String nodeIp) {

  /** Every location, in the order migrate/getLocations lists them. */
  static final Map<String, DataCenter> CATALOGUE = catalogue();

  private static Map<String, DataCenter> catalogue() {
    Map<String, DataCenter> all = new LinkedHashMap<>();
    add(
        all,
        new DataCenter(
            "USCA_2",
            "US: Los Angeles, California (IPv4+IPv6)",
            "US, California",
            "US: Los Angeles, California (DC2 QNET)",
            1,
            "203.0.113.12"));
    add(
        all,
        new DataCenter(
            "USCA_6",
            "US: Los Angeles, California (DC6 CN2GIA-E)",
            "US, California",
            "US: Los Angeles, California (DC6 CN2GIA-E, CMIN2)",
            1,
            "203.0.113.16"));
    add(
        all,
        new DataCenter(
            "USCA_FMT",
            "US: Fremont, California (IPv4+IPv6)",
            "US, California",
            "US: Fremont, California (FMT1)",
            1,
            "203.0.113.21"));
    add(
        all,
        new DataCenter(
            "USAZ_2",
            "US: Phoenix, Arizona (IPv4+IPv6)",
            "US, Arizona",
            "US: Phoenix, Arizona (AZ2)",
            1,
            "203.0.113.32"));
    add(
        all,
        new DataCenter(
            "USFL_2",
            "US: Jacksonville, Florida (IPv4+IPv6)",
            "US, Florida",
            "US: Jacksonville, Florida (FL2)",
            1,
            "203.0.113.42"));
    add(
        all,
        new DataCenter(
            "EUNL_3",
            "EU: Amsterdam, Netherlands (IPv4+IPv6)",
            "NL, Amsterdam",
            "EU: Amsterdam, Netherlands (NL3)",
            1,
            "203.0.113.53"));
    add(
        all,
        new DataCenter(
            "JPOS_1",
            "JP: Osaka, Japan (SoftBank)",
            "JP, Osaka",
            "JP: Osaka, Japan (OS1 SoftBank)",
            0.5,
            "203.0.113.61"));
    return Collections.unmodifiableMap(all);
  }

  private static void add(Map<String, DataCenter> all, DataCenter dc) {
    all.put(dc.id(), dc);
  }

  static DataCenter byId(String id) {
    DataCenter dc = CATALOGUE.get(id);
    if (dc == null) {
      throw new IllegalArgumentException(
          "Unknown location " + id + "; known: " + CATALOGUE.keySet());
    }
    return dc;
  }
}
