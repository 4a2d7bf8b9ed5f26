package dev.kiwiops.simulator;

import static dev.kiwiops.simulator.CallSupport.ok;

import dev.kiwiops.simulator.ApiCalls.Request;
import java.util.Map;

/** The power calls: start, stop, restart and kill. */
final class PowerCalls {

  void register(CallTable table) {
    table.write("start", this::start);
    table.write("stop", this::stop);
    table.write("restart", this::restart);
    table.write("kill", this::stop);
  }

  private Map<String, Object> start(Request r) {
    SimulatedServer s = r.server();
    refuseWhenSuspended(s);
    s.powerOn();
    Map<String, Object> body = ok();
    if (s.vmType() == VmType.OVZ) {
      body.put("is_mounted", 1);
    }
    return body;
  }

  private Map<String, Object> restart(Request r) {
    SimulatedServer s = r.server();
    refuseWhenSuspended(s);
    s.powerOff();
    s.powerOn();
    return ok();
  }

  private Map<String, Object> stop(Request r) {
    r.server().powerOff();
    return ok();
  }

  private static void refuseWhenSuspended(SimulatedServer s) {
    if (!s.suspensions.isEmpty()) {
      throw ApiError.notPermitted("VPS is suspended, see getSuspensionDetails");
    }
  }
}
