package dev.kiwiops.core.commands;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** IPv6 literal arithmetic for checks such as "within the first address's /64". */
final class Ipv6 {
  private Ipv6() {}

  /**
   * The 16 bytes of a literal already checked by {@link Arguments#isIpv6}; {@link
   * InetAddress#getByName} parses a literal without any DNS lookup.
   */
  static byte[] bytes(String literal) {
    int slash = literal.indexOf('/');
    String address = slash < 0 ? literal : literal.substring(0, slash);
    if (!Arguments.isIpv6(address)) {
      throw new IllegalArgumentException("not an IPv6 literal");
    }
    try {
      byte[] raw = InetAddress.getByName("[" + address + "]").getAddress();
      if (raw.length == 4) {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(raw, 0, mapped, 12, 4);
        return mapped;
      }
      return raw;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IPv6 literal", e);
    }
  }

  /** Whether both addresses share their first 64 bits. */
  static boolean sameSlash64(String a, String b) {
    byte[] x = bytes(a);
    byte[] y = bytes(b);
    for (int i = 0; i < 8; i++) {
      if (x[i] != y[i]) {
        return false;
      }
    }
    return true;
  }
}
