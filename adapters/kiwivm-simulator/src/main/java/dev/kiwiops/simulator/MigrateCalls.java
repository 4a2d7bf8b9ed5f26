package dev.kiwiops.simulator;

import static dev.kiwiops.simulator.CallSupport.ok;
import static dev.kiwiops.simulator.CallSupport.okNotifying;

import dev.kiwiops.simulator.ApiCalls.Context;
import dev.kiwiops.simulator.ApiCalls.Request;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The calls that move a server: migration to another location and cloning from outside. */
final class MigrateCalls {

  private static final List<String> MIGRATION_STAGES =
      List.of("Preparing migration", "Copying disk image", "Reconfiguring network", "Starting VM");
  private static final List<String> CLONE_STAGES =
      List.of("Connecting to external server", "Copying files", "Finalizing");

  private final Context context;

  MigrateCalls(Context context) {
    this.context = context;
  }

  void register(CallTable table) {
    table.read("migrate/getLocations", this::migrateLocations);
    table.write("migrate/start", this::migrateStart);
    table.write("cloneFromExternalServer", this::cloneFromExternalServer);
  }

  private Map<String, Object> migrateLocations(Request r) {
    SimulatedServer s = r.server();
    Map<String, Object> descriptions = new LinkedHashMap<>();
    Map<String, Object> multipliers = new LinkedHashMap<>();
    for (DataCenter dc : DataCenter.CATALOGUE.values()) {
      descriptions.put(dc.id(), dc.description());
      multipliers.put(dc.id(), dc.dataTransferMultiplier());
    }
    Map<String, Object> b = ok();
    b.put("currentLocation", s.location.id());
    b.put("locations", List.copyOf(DataCenter.CATALOGUE.keySet()));
    b.put("descriptions", descriptions);
    b.put("dataTransferMultipliers", multipliers);
    return b;
  }

  private Map<String, Object> migrateStart(Request r) {
    SimulatedServer s = r.server();
    String target = r.required("location");
    DataCenter dc = DataCenter.CATALOGUE.get(target);
    if (dc == null) {
      throw ApiError.invalid("Invalid location: " + target + ", see migrate/getLocations");
    }
    if (dc.equals(s.location)) {
      throw ApiError.invalid("VPS is already in " + target);
    }
    List<String> newIps = new ArrayList<>();
    for (int i = 0; i < Math.max(1, s.ipv4.size()); i++) {
      newIps.add(context.allocateIpv4());
    }
    String from = s.location.id();
    s.lockFor(
        "Migration: " + from + " -> " + target,
        context.lockDuration(),
        MIGRATION_STAGES,
        () -> {
          s.location = dc;
          s.nodeAlias = "v" + (7000 + Math.abs(target.hashCode() % 1000));
          s.ipv4.clear();
          s.ipv4.addAll(newIps);
          s.ipv6.clear();
          s.ptr.clear();
          for (String ip : newIps) {
            s.ptr.put(ip, "");
          }
          s.nullroutes.clear();
          s.privateIps.clear();
          s.monthlyDataMultiplier = dc.dataTransferMultiplier();
          s.powerOn();
        });
    Map<String, Object> b = okNotifying(s);
    b.put("newIps", newIps);
    return b;
  }

  private Map<String, Object> cloneFromExternalServer(Request r) {
    SimulatedServer s = r.server();
    if (s.vmType() != VmType.OVZ) {
      throw new ApiError(
          ApiError.NOT_SUPPORTED, "cloneFromExternalServer is available on OpenVZ only");
    }
    String ip = r.required("externalServerIP");
    String port = r.required("externalServerSSHport");
    r.required("externalServerRootPassword");
    if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
      throw ApiError.invalid("Invalid externalServerSSHport: " + port);
    }
    s.lockFor(
        "Clone from external server: " + ip, context.lockDuration(), CLONE_STAGES, s::powerOn);
    return okNotifying(s);
  }
}
