package dev.kiwiops.simulator;

import static dev.kiwiops.simulator.CallSupport.ok;

import dev.kiwiops.simulator.ApiCalls.Request;
import dev.kiwiops.simulator.SimulatedServer.PolicyViolation;
import dev.kiwiops.simulator.SimulatedServer.Suspension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The abuse calls: suspensions and policy violations, and lifting the soft ones. */
final class AbuseCalls {

  void register(CallTable table) {
    table.read("getSuspensionDetails", this::suspensionDetails);
    table.write("unsuspend", this::unsuspend);
    table.read("getPolicyViolations", this::policyViolations);
    table.write("resolvePolicyViolation", this::resolvePolicyViolation);
  }

  private Map<String, Object> suspensionDetails(Request r) {
    SimulatedServer s = r.server();
    List<Object> list = new ArrayList<>();
    for (Suspension sus : s.suspensions) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("record_id", sus.recordId());
      one.put("flag", sus.flag());
      one.put("is_soft", sus.soft() ? 1 : 0);
      one.put("evidence_record_id", sus.evidenceRecordId());
      one.put("abuse_points", sus.abusePoints());
      list.add(one);
    }
    Map<String, Object> evidence = new LinkedHashMap<>();
    s.evidence.forEach((id, text) -> evidence.put(String.valueOf(id), text));
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("suspensions", list);
    b.put("evidence", evidence);
    b.put("suspension_count", s.suspensionCount);
    b.put("total_abuse_points", s.totalAbusePoints);
    b.put("max_abuse_points", s.maxAbusePoints);
    b.put("error", 0);
    return b;
  }

  private Map<String, Object> unsuspend(Request r) {
    SimulatedServer s = r.server();
    long id = recordId(r);
    Suspension found =
        s.suspensions.stream()
            .filter(x -> x.recordId() == id)
            .findFirst()
            .orElseThrow(() -> ApiError.invalid("No outstanding suspension with record_id " + id));
    if (!found.soft()) {
      throw ApiError.notPermitted(
          "This suspension cannot be lifted via API, please contact support");
    }
    s.suspensions.remove(found);
    s.evidence.remove(found.evidenceRecordId());
    return ok();
  }

  private Map<String, Object> policyViolations(Request r) {
    SimulatedServer s = r.server();
    List<Object> list = new ArrayList<>();
    for (PolicyViolation v : s.violations) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("record_id", v.recordId());
      one.put("timestamp", v.timestamp().getEpochSecond());
      one.put("suspend_at", v.suspendAt().getEpochSecond());
      one.put("flag", v.flag());
      one.put("is_soft", v.soft() ? 1 : 0);
      one.put("abuse_points", v.abusePoints());
      one.put("evidence_data", v.evidence());
      list.add(one);
    }
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("policy_violations", list);
    b.put("total_abuse_points", s.totalAbusePoints);
    b.put("max_abuse_points", s.maxAbusePoints);
    b.put("error", 0);
    return b;
  }

  private Map<String, Object> resolvePolicyViolation(Request r) {
    SimulatedServer s = r.server();
    long id = recordId(r);
    PolicyViolation found =
        s.violations.stream()
            .filter(x -> x.recordId() == id)
            .findFirst()
            .orElseThrow(() -> ApiError.invalid("No active policy violation with record_id " + id));
    if (!found.soft()) {
      throw ApiError.notPermitted("This policy violation must be resolved by support");
    }
    s.violations.remove(found);
    return ok();
  }

  private static long recordId(Request r) {
    String raw = r.required("record_id");
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw ApiError.invalid("Invalid record_id: " + raw);
    }
  }
}
