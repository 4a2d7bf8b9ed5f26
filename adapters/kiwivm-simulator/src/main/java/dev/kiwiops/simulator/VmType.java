package dev.kiwiops.simulator;

/** The hypervisor of a simulated VPS; the two answer getServiceInfo in different shapes. */
public enum VmType {
  KVM,
  OVZ;

  /** The lowercase name the API uses in {@code vm_type}. */
  public String wireName() {
    return this == KVM ? "kvm" : "ovz";
  }
}
