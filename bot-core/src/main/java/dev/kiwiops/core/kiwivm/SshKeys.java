package dev.kiwiops.core.kiwivm;

import java.util.List;

/**
 * {@code getSshKeys}: per-VM keys (hypervisor vault), per-account keys (billing portal), the keys a
 * reinstall will use, and the shortened forms for display.
 */
public record SshKeys(
    List<String> vmKeys,
    List<String> accountKeys,
    List<String> preferredKeys,
    List<String> vmKeysShort,
    List<String> accountKeysShort,
    List<String> preferredKeysShort) {
  public SshKeys {
    vmKeys = List.copyOf(vmKeys);
    accountKeys = List.copyOf(accountKeys);
    preferredKeys = List.copyOf(preferredKeys);
    vmKeysShort = List.copyOf(vmKeysShort);
    accountKeysShort = List.copyOf(accountKeysShort);
    preferredKeysShort = List.copyOf(preferredKeysShort);
  }
}
