package dev.kiwiops.simulator;

import static dev.kiwiops.simulator.CallSupport.ok;

import dev.kiwiops.simulator.ApiCalls.Context;
import dev.kiwiops.simulator.ApiCalls.Request;
import java.util.List;
import java.util.Map;

/** The operating system calls: templates, reinstall, and mounting an ISO image (KVM only). */
final class OsCalls {

  private static final List<String> REINSTALL_STAGES =
      List.of("Stopping VM", "Deploying OS template", "Configuring OS", "Starting VM");

  private final Context context;

  OsCalls(Context context) {
    this.context = context;
  }

  void register(CallTable table) {
    table.read("getAvailableOS", this::availableOs);
    table.write("reinstallOS", this::reinstallOs);
    table.write("iso/mount", this::isoMount);
    table.write("iso/unmount", this::isoUnmount);
  }

  private Map<String, Object> availableOs(Request r) {
    Map<String, Object> b = ok();
    b.put("installed", r.server().os);
    b.put("templates", r.server().spec().osTemplates());
    return b;
  }

  private Map<String, Object> reinstallOs(Request r) {
    SimulatedServer s = r.server();
    String os = r.required("os");
    if (!s.spec().osTemplates().contains(os)) {
      throw ApiError.invalid("Invalid OS template: " + os + ", see getAvailableOS");
    }
    String password = RandomTokens.password();
    String keys = AccessCalls.preferredKeys(s);
    s.lockFor(
        "OS Reinstall: " + os,
        context.lockDuration(),
        REINSTALL_STAGES,
        () -> {
          s.os = os;
          s.rootPassword = password;
          s.shellCwd = "/root";
          s.powerOn();
        });
    Map<String, Object> b = ok();
    b.put("rootPassword", password);
    b.put("sshPort", s.spec().sshPort());
    b.put("sshKeys", keys);
    b.put("sshKeysBrief", AccessCalls.shorten(keys));
    b.put("notificationEmail", s.spec().email());
    return b;
  }

  private Map<String, Object> isoMount(Request r) {
    SimulatedServer s = r.server();
    requireKvm(s, "iso/mount");
    String iso = r.required("iso");
    if (!s.spec().availableIsos().contains(iso)) {
      throw ApiError.invalid("ISO image " + iso + " is not available, see available_isos");
    }
    s.iso1 = iso;
    return ok();
  }

  private Map<String, Object> isoUnmount(Request r) {
    SimulatedServer s = r.server();
    requireKvm(s, "iso/unmount");
    s.iso1 = "";
    return ok();
  }

  private static void requireKvm(SimulatedServer s, String call) {
    if (s.vmType() != VmType.KVM) {
      throw new ApiError(ApiError.NOT_SUPPORTED, call + " is available on KVM only");
    }
  }
}
