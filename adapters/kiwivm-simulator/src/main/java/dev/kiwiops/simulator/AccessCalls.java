package dev.kiwiops.simulator;

import static dev.kiwiops.simulator.CallSupport.ok;

import dev.kiwiops.simulator.ApiCalls.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The access calls: SSH keys and the root password. */
final class AccessCalls {

  void register(CallTable table) {
    table.write("updateSshKeys", this::updateSshKeys);
    table.read("getSshKeys", this::sshKeys);
    table.write("resetRootPassword", this::resetRootPassword);
  }

  private Map<String, Object> updateSshKeys(Request r) {
    String raw = r.present("ssh_keys");
    List<String> keys = new ArrayList<>();
    for (String line : raw.split("\\R")) {
      String key = line.trim();
      if (key.isEmpty()) {
        continue;
      }
      if (!key.matches(
          "(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp\\d+|sk-\\S+) [A-Za-z0-9+/=]+( .*)?")) {
        throw ApiError.invalid("Invalid SSH key: " + shortenKey(key));
      }
      keys.add(key);
    }
    r.server().vmSshKeys = String.join("\n", keys);
    return ok();
  }

  private Map<String, Object> sshKeys(Request r) {
    SimulatedServer s = r.server();
    String preferred = preferredKeys(s);
    Map<String, Object> b = ok();
    b.put("ssh_keys_veid", s.vmSshKeys);
    b.put("ssh_keys_user", s.spec().accountSshKeys());
    b.put("ssh_keys_preferred", preferred);
    b.put("shortened_ssh_keys_veid", shorten(s.vmSshKeys));
    b.put("shortened_ssh_keys_user", shorten(s.spec().accountSshKeys()));
    b.put("shortened_ssh_keys_preferred", shorten(preferred));
    return b;
  }

  static String preferredKeys(SimulatedServer s) {
    return s.vmSshKeys.isEmpty() ? s.spec().accountSshKeys() : s.vmSshKeys;
  }

  /** Shortens each key for display: type, the first and last characters of the body, comment. */
  static String shorten(String keys) {
    List<String> out = new ArrayList<>();
    for (String line : keys.split("\n")) {
      if (!line.isBlank()) {
        out.add(shortenKey(line.trim()));
      }
    }
    return String.join("\n", out);
  }

  private static String shortenKey(String key) {
    String[] parts = key.split(" ", 3);
    if (parts.length < 2 || parts[1].length() <= 20) {
      return key.length() > 40 ? key.substring(0, 40) + "..." : key;
    }
    String body = parts[1];
    String brief =
        parts[0] + " " + body.substring(0, 8) + "..." + body.substring(body.length() - 8);
    return parts.length == 3 ? brief + " " + parts[2] : brief;
  }

  private Map<String, Object> resetRootPassword(Request r) {
    String password = RandomTokens.password();
    r.server().rootPassword = password;
    Map<String, Object> b = ok();
    b.put("password", password);
    return b;
  }
}
