package dev.kiwiops.core.kiwivm;

/** The hypervisor of a VPS: the live-info shape depends on it. */
public enum VmType {
  KVM,
  OVZ,
  UNKNOWN;

  public static VmType parse(String raw) {
    if (raw == null) {
      return UNKNOWN;
    }
    return switch (raw.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "kvm" -> KVM;
      case "ovz", "openvz" -> OVZ;
      default -> UNKNOWN;
    };
  }
}
