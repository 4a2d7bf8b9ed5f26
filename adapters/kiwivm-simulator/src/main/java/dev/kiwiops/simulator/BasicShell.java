package dev.kiwiops.simulator;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small believable command set for basicShell/exec, answered from the server's state. Anything
 * else is "command not found" with exit status 127.
 */
final class BasicShell {

  record Result(int exitStatus, String output) {}

  /** Output lines of {@code seq} are capped so a test can ask for long output safely. */
  static final int SEQ_LIMIT = 100_000;

  private static final Map<String, List<String>> DIRECTORIES =
      Map.ofEntries(
          Map.entry(
              "/",
              List.of(
                  "bin", "boot", "dev", "etc", "home", "lib", "lib64", "media", "mnt", "opt",
                  "proc", "root", "run", "sbin", "srv", "sys", "tmp", "usr", "var")),
          Map.entry("/root", List.of()),
          Map.entry("/home", List.of()),
          Map.entry("/tmp", List.of()),
          Map.entry("/opt", List.of()),
          Map.entry("/srv", List.of()),
          Map.entry("/mnt", List.of()),
          Map.entry("/media", List.of()),
          Map.entry(
              "/etc",
              List.of(
                  "apt",
                  "cron.d",
                  "default",
                  "fstab",
                  "hostname",
                  "hosts",
                  "network",
                  "os-release",
                  "passwd",
                  "resolv.conf",
                  "ssh",
                  "systemd")),
          Map.entry("/etc/ssh", List.of("ssh_config", "sshd_config")),
          Map.entry("/usr", List.of("bin", "include", "lib", "local", "sbin", "share")),
          Map.entry("/usr/local", List.of("bin", "etc", "lib", "share")),
          Map.entry(
              "/var", List.of("backups", "cache", "lib", "log", "mail", "spool", "tmp", "www")),
          Map.entry("/var/log", List.of("apt", "auth.log", "dpkg.log", "journal", "syslog")),
          Map.entry("/var/www", List.of("html")),
          Map.entry("/var/www/html", List.of("index.html")));

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss 'UTC' yyyy", Locale.ROOT);

  private BasicShell() {}

  static boolean isDirectory(String path) {
    return DIRECTORIES.containsKey(path);
  }

  /** Resolves {@code target} against {@code current}: absolute, relative, {@code ..}, {@code ~}. */
  static String resolve(String current, String target) {
    String path;
    if (target.equals("~") || target.startsWith("~/")) {
      path = "/root" + target.substring(1);
    } else if (target.startsWith("/")) {
      path = target;
    } else {
      path = current + "/" + target;
    }
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
      } else {
        parts.add(part);
      }
    }
    return "/" + String.join("/", parts);
  }

  static Result exec(SimulatedServer s, String commandLine) {
    return run(s, s.shellCwd, commandLine.trim());
  }

  /**
   * Runs one line in {@code cwd}. A leading {@code cd DIR && rest} (how a client keeps a working
   * directory, since exec has no directory parameter) changes directory for the rest of the line,
   * or fails like bash when DIR does not exist.
   */
  private static Result run(SimulatedServer s, String cwd, String line) {
    int and = line.indexOf("&&");
    if (line.startsWith("cd ") && and > 0) {
      String target = unquote(line.substring(3, and).trim());
      String dir = resolve(cwd, target);
      if (!isDirectory(dir)) {
        return new Result(1, "bash: cd: " + target + ": No such file or directory\n");
      }
      return run(s, dir, line.substring(and + 2).trim());
    }
    List<String> words = new ArrayList<>(Arrays.asList(line.split("\\s+")));
    String command = words.remove(0);
    switch (command) {
      case "echo":
        return ok(unquote(line.substring(command.length()).trim()) + "\n");
      case "pwd":
        return ok(cwd + "\n");
      case "hostname":
        return ok(s.hostname + "\n");
      case "whoami":
        return ok("root\n");
      case "true":
        return new Result(0, "");
      case "false":
        return new Result(1, "");
      case "exit":
        return new Result(words.isEmpty() ? 0 : parseOr(words.get(0), 0) & 0xff, "");
      case "uname":
        return ok(words.contains("-a") ? unameAll(s) + "\n" : "Linux\n");
      case "uptime":
        return ok(uptime(s) + "\n");
      case "date":
        return ok(ZonedDateTime.ofInstant(s.now(), ZoneOffset.UTC).format(DATE) + "\n");
      case "ls":
        return ls(cwd, words);
      case "cat":
        return cat(s, cwd, words);
      case "df":
        return ok(df(s));
      case "free":
        return ok(free(s));
      case "seq":
        return seq(words);
      default:
        return new Result(127, "bash: " + command + ": command not found\n");
    }
  }

  private static Result ok(String output) {
    return new Result(0, output);
  }

  private static String unquote(String text) {
    if (text.length() >= 2
        && (text.startsWith("\"") && text.endsWith("\"")
            || text.startsWith("'") && text.endsWith("'"))) {
      return text.substring(1, text.length() - 1);
    }
    return text;
  }

  private static int parseOr(String text, int fallback) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static String unameAll(SimulatedServer s) {
    if (s.vmType() == VmType.OVZ) {
      return "Linux "
          + s.hostname
          + " 2.6.32-042stab145.3 #1 SMP Thu Jun 11 14:05:04 MSK 2020 x86_64 x86_64 x86_64"
          + " GNU/Linux";
    }
    return "Linux "
        + s.hostname
        + " 6.8.0-45-generic #45-Ubuntu SMP PREEMPT_DYNAMIC Fri Aug 30 12:02:04 UTC 2024 x86_64"
        + " x86_64 x86_64 GNU/Linux";
  }

  private static String uptime(SimulatedServer s) {
    Duration up = Duration.between(s.bootedAt, s.now());
    String time =
        ZonedDateTime.ofInstant(s.now(), ZoneOffset.UTC)
            .format(DateTimeFormatter.ofPattern("HH:mm:ss"));
    long days = up.toDays();
    String span =
        (days > 0 ? days + (days == 1 ? " day, " : " days, ") : "")
            + String.format("%2d:%02d", up.toHoursPart(), up.toMinutesPart());
    String load = s.cpuThrottled ? "3.97, 3.85, 3.60" : "0.00, 0.01, 0.05";
    return " " + time + " up " + span + ",  0 users,  load average: " + load;
  }

  private static Result ls(String cwd, List<String> args) {
    List<String> paths = args.stream().filter(a -> !a.startsWith("-")).toList();
    String target = paths.isEmpty() ? cwd : resolve(cwd, paths.get(0));
    List<String> entries = DIRECTORIES.get(target);
    if (entries == null) {
      return new Result(2, "ls: cannot access '" + paths.get(0) + "': No such file or directory\n");
    }
    return ok(entries.isEmpty() ? "" : String.join("\n", entries) + "\n");
  }

  private static Result cat(SimulatedServer s, String cwd, List<String> args) {
    if (args.isEmpty()) {
      return ok("");
    }
    String path = resolve(cwd, args.get(0));
    switch (path) {
      case "/etc/os-release":
        return ok(osRelease(s.os));
      case "/etc/hostname":
        return ok(s.hostname + "\n");
      default:
        if (isDirectory(path)) {
          return new Result(1, "cat: " + args.get(0) + ": Is a directory\n");
        }
        return new Result(1, "cat: " + args.get(0) + ": No such file or directory\n");
    }
  }

  /** An os-release for the installed template, such as {@code debian-12-x86_64}. */
  static String osRelease(String template) {
    String[] parts = template.split("-");
    String distro = parts[0];
    String version = parts.length > 2 ? parts[parts.length - 2] : "";
    String pretty =
        switch (distro) {
          case "ubuntu" -> "Ubuntu " + version + " LTS";
          case "debian" -> "Debian GNU/Linux " + version;
          case "centos" -> "CentOS Linux " + version;
          case "almalinux" -> "AlmaLinux " + version;
          case "rocky" -> "Rocky Linux " + version;
          default -> template;
        };
    String name = pretty.replace(" " + version, "").replace(" LTS", "");
    return "PRETTY_NAME=\""
        + pretty
        + "\"\nNAME=\""
        + name
        + "\"\nVERSION_ID=\""
        + version
        + "\"\nID="
        + distro
        + "\n";
  }

  private static String df(SimulatedServer s) {
    long sizeG = s.spec().planDisk() / (1024L * 1024 * 1024);
    long usedG = Math.max(1, sizeG * 15 / 100);
    String device = s.vmType() == VmType.KVM ? "/dev/sda1" : "/dev/simfs";
    return "Filesystem      Size  Used Avail Use% Mounted on\n"
        + String.format(
            "%-15s %4dG %4dG %4dG %3d%% /%n",
            device, sizeG, usedG, sizeG - usedG, usedG * 100 / sizeG)
        + "tmpfs           "
        + String.format("%4dM", s.spec().planRam() / (1024 * 1024) / 2)
        + "     0 "
        + String.format("%4dM", s.spec().planRam() / (1024 * 1024) / 2)
        + "   0% /dev/shm\n";
  }

  private static String free(SimulatedServer s) {
    long total = s.spec().planRam() / (1024 * 1024);
    long used = total * 14 / 100;
    long cache = total * 30 / 100;
    long freeMem = total - used - cache;
    long swap = s.spec().planSwap() / (1024 * 1024);
    return "               total        used        free      shared  buff/cache   available\n"
        + String.format(
            "Mem:    %12d%12d%12d%12d%12d%12d%n", total, used, freeMem, 1, cache, total - used)
        + String.format("Swap:   %12d%12d%12d%n", swap, 0, swap);
  }

  private static Result seq(List<String> args) {
    if (args.isEmpty() || args.size() > 2) {
      return new Result(1, "seq: missing operand\n");
    }
    long first = args.size() == 2 ? parseOr(args.get(0), Integer.MIN_VALUE) : 1;
    long last = parseOr(args.get(args.size() - 1), Integer.MIN_VALUE);
    if (first == Integer.MIN_VALUE || last == Integer.MIN_VALUE) {
      return new Result(1, "seq: invalid argument\n");
    }
    last = Math.min(last, first + SEQ_LIMIT - 1);
    StringBuilder out = new StringBuilder();
    for (long i = first; i <= last; i++) {
      out.append(i).append('\n');
    }
    return ok(out.toString());
  }
}
