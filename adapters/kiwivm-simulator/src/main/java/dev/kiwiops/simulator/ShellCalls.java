package dev.kiwiops.simulator;

import static dev.kiwiops.simulator.CallSupport.ok;

import dev.kiwiops.simulator.ApiCalls.Request;
import dev.kiwiops.simulator.SimulatedServer.PowerState;
import java.util.LinkedHashMap;
import java.util.Map;

/** The shell calls: the basic shell's cd and exec, and shell scripts. */
final class ShellCalls {

  void register(CallTable table) {
    table.read("basicShell/cd", this::shellCd);
    table.write("basicShell/exec", this::shellExec);
    table.write("shellScript/exec", this::shellScript);
  }

  private Map<String, Object> shellCd(Request r) {
    SimulatedServer s = r.server();
    String current = r.required("currentDir");
    String target = r.required("newDir");
    String resolved = BasicShell.resolve(current, target);
    if (!BasicShell.isDirectory(resolved)) {
      throw ApiError.invalid("cd: " + target + ": No such file or directory");
    }
    s.shellCwd = resolved;
    Map<String, Object> b = ok();
    b.put("pwd", resolved);
    return b;
  }

  private Map<String, Object> shellExec(Request r) {
    SimulatedServer s = r.server();
    String command = r.required("command");
    requireRunning(s);
    BasicShell.Result result = BasicShell.exec(s, command);
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("error", result.exitStatus());
    b.put("message", result.output());
    return b;
  }

  private Map<String, Object> shellScript(Request r) {
    SimulatedServer s = r.server();
    r.required("script");
    String script = r.params().get("script");
    requireRunning(s);
    s.scripts.add(script);
    Map<String, Object> b = ok();
    b.put("log", "/root/shellScript-" + s.now().getEpochSecond() + "-" + s.scripts.size() + ".log");
    return b;
  }

  private static void requireRunning(SimulatedServer s) {
    if (s.power != PowerState.RUNNING) {
      throw ApiError.notPermitted("VPS is not running");
    }
  }
}
