package dev.kiwiops.simulator;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The initial state of a simulated VPS. Start from {@link #kvm} or {@link #ovz}, which fill in
 * realistic defaults (plans, quotas in binary bytes, documentation-range addresses), and adjust
 * with {@link #toBuilder()}.
 *
 * @param veid the VPS id
 * @param apiKey its API key, {@code private_} and 24 letters or digits
 * @param hostname the hostname
 * @param vmType the hypervisor
 * @param plan the plan name
 * @param location a location id such as {@code USCA_2} (see migrate/getLocations)
 * @param email the account e-mail (notificationEmail)
 * @param planDisk disk quota in bytes
 * @param planRam RAM in bytes
 * @param planSwap swap in bytes
 * @param planMonthlyData monthly transfer allowance in bytes
 * @param monthlyDataMultiplier bandwidth accounting coefficient, may be fractional
 * @param dataCounter transfer used this month in bytes
 * @param planMaxIpv6s how many IPv6 addresses the plan allows
 * @param ipv4Addresses the IPv4 addresses
 * @param ipv6Addresses the IPv6 addresses
 * @param os the installed OS template
 * @param osTemplates the templates reinstallOS accepts
 * @param availableIsos the ISOs iso/mount accepts (KVM)
 * @param sshPort the SSH port
 * @param privateNetworkAvailable whether the plan offers private IPs
 * @param rdnsApiAvailable whether setPTR is allowed
 * @param maxAbusePoints the plan's yearly abuse point allowance
 * @param accountSshKeys SSH keys stored on the account (Billing Portal), newline-joined
 * @param nodeAlias the physical node's nickname
 */
public record ServerSpec(
    long veid,
    String apiKey,
    String hostname,
    VmType vmType,
    String plan,
    String location,
    String email,
    long planDisk,
    long planRam,
    long planSwap,
    long planMonthlyData,
    double monthlyDataMultiplier,
    long dataCounter,
    int planMaxIpv6s,
    List<String> ipv4Addresses,
    List<String> ipv6Addresses,
    String os,
    List<String> osTemplates,
    List<String> availableIsos,
    int sshPort,
    boolean privateNetworkAvailable,
    boolean rdnsApiAvailable,
    int maxAbusePoints,
    String accountSshKeys,
    String nodeAlias) {

  private static final Pattern API_KEY = Pattern.compile("private_[A-Za-z0-9]{24}");
  private static final long GIB = 1024L * 1024 * 1024;

  /** Templates a modern KVM plan offers. */
  public static final List<String> KVM_TEMPLATES =
      List.of(
          "almalinux-9-x86_64",
          "centos-7-x86_64",
          "debian-11-x86_64",
          "debian-12-x86_64",
          "debian-13-x86_64",
          "rocky-linux-9-x86_64",
          "ubuntu-20.04-x86_64",
          "ubuntu-22.04-x86_64",
          "ubuntu-24.04-x86_64");

  /** Templates a legacy OpenVZ plan offers. */
  public static final List<String> OVZ_TEMPLATES =
      List.of(
          "centos-6-x86",
          "centos-6-x86_64",
          "centos-7-x86_64",
          "debian-8.0-x86_64",
          "debian-9-x86_64",
          "ubuntu-16.04-x86_64");

  /** ISOs a KVM plan can boot from. */
  public static final List<String> KVM_ISOS =
      List.of(
          "ubuntu-24.04-live-server-amd64.iso",
          "debian-12.0.0-amd64-netinst.iso",
          "systemrescue-11.01-amd64.iso");

  public ServerSpec {
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(vmType, "vmType");
    if (veid <= 0) {
      throw new IllegalArgumentException("veid must be positive");
    }
    if (!API_KEY.matcher(apiKey).matches()) {
      throw new IllegalArgumentException("apiKey must be private_ and 24 letters or digits");
    }
    DataCenter.byId(location);
    ipv4Addresses = List.copyOf(ipv4Addresses);
    ipv6Addresses = List.copyOf(ipv6Addresses);
    osTemplates = List.copyOf(osTemplates);
    availableIsos = List.copyOf(availableIsos);
    accountSshKeys = accountSshKeys == null ? "" : accountSshKeys;
    if (!osTemplates.contains(os)) {
      throw new IllegalArgumentException("os " + os + " is not among osTemplates");
    }
  }

  /** A KVM VPS on a 40 GB / 2 GB / 2000 GB plan in Los Angeles (DC6), running Ubuntu 24.04. */
  public static ServerSpec kvm(long veid, String apiKey, String hostname) {
    int host = (int) (veid % 250) + 1;
    return new ServerSpec(
        veid,
        apiKey,
        hostname,
        VmType.KVM,
        "kvmv5-megabox-pro-40g-2048m-2000g-dc6",
        "USCA_6",
        "owner@example.com",
        44023414784L,
        2168455168L,
        0,
        2000 * GIB,
        1,
        611537718433L,
        1,
        List.of("192.0.2." + host),
        List.of("2001:db8:" + Long.toHexString(veid) + "::1"),
        "ubuntu-24.04-x86_64",
        KVM_TEMPLATES,
        KVM_ISOS,
        22000 + (int) (veid % 10000),
        true,
        true,
        1200,
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGd0Y2Fm9k2c7u2wqv0pFZC1rY3pKfQ6n4bH8sUyYh3T ops@example.com",
        "v" + (6000 + veid % 1000));
  }

  /** A legacy OpenVZ VPS on a 10 GB / 256 MB plan in Fremont, running CentOS 7. */
  public static ServerSpec ovz(long veid, String apiKey, String hostname) {
    int host = (int) (veid % 250) + 1;
    return new ServerSpec(
        veid,
        apiKey,
        hostname,
        VmType.OVZ,
        "wagonv2-10g",
        "USCA_FMT",
        "owner@example.com",
        12 * GIB,
        256L * 1024 * 1024,
        128L * 1024 * 1024,
        550 * GIB,
        1,
        7451070428L,
        5,
        List.of("198.51.100." + host),
        List.of("2001:db8:" + Long.toHexString(veid) + "::"),
        "centos-7-x86_64",
        OVZ_TEMPLATES,
        List.of(),
        27000 + (int) (veid % 1000),
        false,
        true,
        1500,
        "",
        "v" + (800 + veid % 100));
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Changes some fields of a spec; every setter returns this builder. */
  public static final class Builder {
    private long veid;
    private String apiKey;
    private String hostname;
    private VmType vmType;
    private String plan;
    private String location;
    private String email;
    private long planDisk;
    private long planRam;
    private long planSwap;
    private long planMonthlyData;
    private double monthlyDataMultiplier;
    private long dataCounter;
    private int planMaxIpv6s;
    private List<String> ipv4Addresses;
    private List<String> ipv6Addresses;
    private String os;
    private List<String> osTemplates;
    private List<String> availableIsos;
    private int sshPort;
    private boolean privateNetworkAvailable;
    private boolean rdnsApiAvailable;
    private int maxAbusePoints;
    private String accountSshKeys;
    private String nodeAlias;

    private Builder(ServerSpec s) {
      veid = s.veid;
      apiKey = s.apiKey;
      hostname = s.hostname;
      vmType = s.vmType;
      plan = s.plan;
      location = s.location;
      email = s.email;
      planDisk = s.planDisk;
      planRam = s.planRam;
      planSwap = s.planSwap;
      planMonthlyData = s.planMonthlyData;
      monthlyDataMultiplier = s.monthlyDataMultiplier;
      dataCounter = s.dataCounter;
      planMaxIpv6s = s.planMaxIpv6s;
      ipv4Addresses = s.ipv4Addresses;
      ipv6Addresses = s.ipv6Addresses;
      os = s.os;
      osTemplates = s.osTemplates;
      availableIsos = s.availableIsos;
      sshPort = s.sshPort;
      privateNetworkAvailable = s.privateNetworkAvailable;
      rdnsApiAvailable = s.rdnsApiAvailable;
      maxAbusePoints = s.maxAbusePoints;
      accountSshKeys = s.accountSshKeys;
      nodeAlias = s.nodeAlias;
    }

    public Builder veid(long v) {
      veid = v;
      return this;
    }

    public Builder apiKey(String v) {
      apiKey = v;
      return this;
    }

    public Builder hostname(String v) {
      hostname = v;
      return this;
    }

    public Builder plan(String v) {
      plan = v;
      return this;
    }

    public Builder location(String v) {
      location = v;
      return this;
    }

    public Builder email(String v) {
      email = v;
      return this;
    }

    public Builder planDisk(long v) {
      planDisk = v;
      return this;
    }

    public Builder planRam(long v) {
      planRam = v;
      return this;
    }

    public Builder planSwap(long v) {
      planSwap = v;
      return this;
    }

    public Builder planMonthlyData(long v) {
      planMonthlyData = v;
      return this;
    }

    public Builder monthlyDataMultiplier(double v) {
      monthlyDataMultiplier = v;
      return this;
    }

    public Builder dataCounter(long v) {
      dataCounter = v;
      return this;
    }

    public Builder planMaxIpv6s(int v) {
      planMaxIpv6s = v;
      return this;
    }

    public Builder ipv4Addresses(List<String> v) {
      ipv4Addresses = v;
      return this;
    }

    public Builder ipv6Addresses(List<String> v) {
      ipv6Addresses = v;
      return this;
    }

    public Builder os(String v) {
      os = v;
      return this;
    }

    public Builder osTemplates(List<String> v) {
      osTemplates = v;
      return this;
    }

    public Builder availableIsos(List<String> v) {
      availableIsos = v;
      return this;
    }

    public Builder sshPort(int v) {
      sshPort = v;
      return this;
    }

    public Builder privateNetworkAvailable(boolean v) {
      privateNetworkAvailable = v;
      return this;
    }

    public Builder rdnsApiAvailable(boolean v) {
      rdnsApiAvailable = v;
      return this;
    }

    public Builder maxAbusePoints(int v) {
      maxAbusePoints = v;
      return this;
    }

    public Builder accountSshKeys(String v) {
      accountSshKeys = v;
      return this;
    }

    public Builder nodeAlias(String v) {
      nodeAlias = v;
      return this;
    }

    public ServerSpec build() {
      return new ServerSpec(
          veid,
          apiKey,
          hostname,
          vmType,
          plan,
          location,
          email,
          planDisk,
          planRam,
          planSwap,
          planMonthlyData,
          monthlyDataMultiplier,
          dataCounter,
          planMaxIpv6s,
          ipv4Addresses,
          ipv6Addresses,
          os,
          osTemplates,
          availableIsos,
          sshPort,
          privateNetworkAvailable,
          rdnsApiAvailable,
          maxAbusePoints,
          accountSshKeys,
          nodeAlias);
    }
  }
}
