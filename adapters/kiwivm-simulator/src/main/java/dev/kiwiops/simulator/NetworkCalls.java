package dev.kiwiops.simulator;

import static dev.kiwiops.simulator.CallSupport.ok;

import dev.kiwiops.simulator.ApiCalls.Request;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The naming and address calls: hostname, reverse DNS, IPv6 and private IPs. */
final class NetworkCalls {

  private static final Pattern HOSTNAME =
      Pattern.compile(
          "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");

  void register(CallTable table) {
    table.write("setHostname", this::setHostname);
    table.write("setPTR", this::setPtr);
    table.write("ipv6/add", this::ipv6Add);
    table.write("ipv6/delete", this::ipv6Delete);
    table.read("privateIp/getAvailableIps", this::privateIpAvailable);
    table.write("privateIp/assign", this::privateIpAssign);
    table.write("privateIp/delete", this::privateIpDelete);
  }

  private Map<String, Object> setHostname(Request r) {
    String name = r.required("newHostname");
    if (!HOSTNAME.matcher(name).matches()) {
      throw ApiError.invalid("Invalid hostname: " + name);
    }
    r.server().hostname = name;
    return ok();
  }

  private Map<String, Object> setPtr(Request r) {
    SimulatedServer s = r.server();
    if (!s.spec().rdnsApiAvailable()) {
      throw ApiError.notPermitted("rDNS API is not available for this VPS");
    }
    String ip = r.required("ip");
    String ptr = r.present("ptr").trim();
    String own = findOwnIp(s, ip);
    if (own == null) {
      throw ApiError.invalid("IP address " + ip + " does not belong to this VPS");
    }
    if (!ptr.isEmpty() && !HOSTNAME.matcher(ptr).matches()) {
      throw ApiError.invalid("Invalid PTR record: " + ptr);
    }
    s.ptr.put(own, ptr);
    return ok();
  }

  private static String findOwnIp(SimulatedServer s, String ip) {
    if (s.ipv4.contains(ip)) {
      return ip;
    }
    for (String v6 : s.ipv6) {
      if (sameIpv6(v6, ip)) {
        return v6;
      }
    }
    return null;
  }

  private Map<String, Object> ipv6Add(Request r) {
    SimulatedServer s = r.server();
    if (s.ipv6.size() >= s.spec().planMaxIpv6s()) {
      throw ApiError.notPermitted(
          "Maximum number of IPv6 addresses ("
              + s.spec().planMaxIpv6s()
              + ") reached for this plan");
    }
    String requested = r.optional("ip");
    String ip;
    String subnet;
    if (s.ipv6.isEmpty()) {
      if (requested != null) {
        throw ApiError.invalid("The first IPv6 address is assigned automatically: call without ip");
      }
      String prefix =
          "2001:db8:"
              + Long.toHexString(s.veid())
              + ":"
              + Integer.toHexString(0x100 + (int) (s.nextRecordId() % 0xe00))
              + "::";
      ip = prefix + "1";
      subnet = prefix + "/64";
    } else {
      byte[] first = ipv6Bytes(s.ipv6.get(0));
      String prefix = prefixOf(first);
      subnet = prefix + "/64";
      if (requested == null) {
        int n = 2;
        while (findOwnIp(s, prefix + Integer.toHexString(n)) != null) {
          n++;
        }
        ip = prefix + Integer.toHexString(n);
      } else {
        byte[] want = ipv6Bytes(requested);
        if (want == null || !Arrays.equals(Arrays.copyOf(want, 8), Arrays.copyOf(first, 8))) {
          throw ApiError.invalid("Requested IPv6 address must be within " + subnet);
        }
        if (findOwnIp(s, requested) != null) {
          throw ApiError.invalid("IPv6 address " + requested + " is already assigned");
        }
        ip = requested;
      }
    }
    s.ipv6.add(ip);
    s.ptr.put(ip, "");
    Map<String, Object> b = ok();
    b.put("ip", ip);
    if (s.vmType() == VmType.KVM) {
      b.put("assigned_subnet", subnet);
    }
    return b;
  }

  private static String prefixOf(byte[] address) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i += 2) {
      out.append(Integer.toHexString(((address[i] & 0xff) << 8) | (address[i + 1] & 0xff)))
          .append(':');
    }
    return out.append(':').toString();
  }

  private Map<String, Object> ipv6Delete(Request r) {
    SimulatedServer s = r.server();
    String ip = r.required("ip");
    String own = null;
    for (String v6 : s.ipv6) {
      if (sameIpv6(v6, ip)) {
        own = v6;
      }
    }
    if (own == null) {
      throw ApiError.invalid("IPv6 address " + ip + " is not assigned to this VPS");
    }
    s.ipv6.remove(own);
    s.ptr.remove(own);
    return ok();
  }

  static byte[] ipv6Bytes(String text) {
    if (text == null || !text.matches("[0-9A-Fa-f:]{2,39}") || !text.contains(":")) {
      return null;
    }
    try {
      byte[] bytes = InetAddress.getByName(text).getAddress();
      return bytes.length == 16 ? bytes : null;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static boolean sameIpv6(String a, String b) {
    byte[] x = ipv6Bytes(a);
    return x != null && Arrays.equals(x, ipv6Bytes(b));
  }

  private static List<String> privatePool(SimulatedServer s) {
    List<String> pool = new ArrayList<>();
    int subnet = (int) (s.veid() % 250) + 1;
    for (int host = 10; host < 16; host++) {
      pool.add("10.18." + subnet + "." + host);
    }
    return pool;
  }

  private static List<String> freePrivateIps(SimulatedServer s) {
    List<String> free = new ArrayList<>(privatePool(s));
    free.removeAll(s.privateIps);
    return free;
  }

  private static void requirePrivateNetwork(SimulatedServer s) {
    if (!s.spec().privateNetworkAvailable()) {
      throw ApiError.notPermitted("Private network is not available on this plan");
    }
  }

  private Map<String, Object> privateIpAvailable(Request r) {
    SimulatedServer s = r.server();
    requirePrivateNetwork(s);
    List<String> free = freePrivateIps(s);
    Map<String, Object> b = ok();
    b.put("available_ips", free);
    return b;
  }

  private Map<String, Object> privateIpAssign(Request r) {
    SimulatedServer s = r.server();
    requirePrivateNetwork(s);
    List<String> free = freePrivateIps(s);
    String ip = r.optional("ip");
    if (ip == null) {
      if (free.isEmpty()) {
        throw ApiError.notPermitted("No private IP addresses available");
      }
      ip = free.get(0);
    } else if (!free.contains(ip)) {
      throw ApiError.invalid(
          "Private IP " + ip + " is not available, see privateIp/getAvailableIps");
    }
    s.privateIps.add(ip);
    Map<String, Object> b = ok();
    b.put("assigned_ips", List.of(ip));
    return b;
  }

  private Map<String, Object> privateIpDelete(Request r) {
    SimulatedServer s = r.server();
    requirePrivateNetwork(s);
    String ip = r.required("ip");
    if (!s.privateIps.remove(ip)) {
      throw ApiError.invalid("Private IP " + ip + " is not assigned to this VPS");
    }
    return ok();
  }
}
