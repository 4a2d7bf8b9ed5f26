package dev.kiwiops.core.commands;

import dev.kiwiops.core.command.Action;
import dev.kiwiops.core.command.Command;
import dev.kiwiops.core.command.CommandInput;
import dev.kiwiops.core.command.CommandSpec;
import dev.kiwiops.core.command.Parameter;
import dev.kiwiops.core.command.UsageException;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.format.Units;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.kiwivm.KnownReads;
import dev.kiwiops.core.kiwivm.LiveServiceInfo;
import dev.kiwiops.core.kiwivm.PowerState;
import dev.kiwiops.core.kiwivm.ServiceInfo;
import dev.kiwiops.core.kiwivm.VmType;
import dev.kiwiops.core.reply.Attachment;
import dev.kiwiops.core.reply.Block;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.reply.Tone;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code servers}, {@code info <server>}, {@code status <server> [--screen]}. */
public final class InfoCommands {
  private InfoCommands() {}

  /** How long {@code servers} waits for servers it must read before it answers without them. */
  static final Duration SERVERS_WAIT = Duration.ofSeconds(5);

  public static List<Command> all(KiwiVm kiwi, KnownReads reads, Clock clock) {
    return List.of(servers(reads, clock), info(kiwi, clock), status(kiwi));
  }

  static Command servers(KnownReads reads, Clock clock) {
    CommandSpec spec =
        CommandSpec.builder("servers")
            .summary("your servers, their tags and state")
            .examples("servers")
            .build();
    return new Command() {
      @Override
      public CommandSpec spec() {
        return spec;
      }

      @Override
      public Action parse(CommandInput input) throws UsageException {
        if (!input.args().isEmpty()) {
          throw new UsageException("servers takes no arguments.");
        }
        List<FleetServer> scope = input.scope();
        return Action.of(
            Optional.empty(), List.of(), ctx -> serversReply(scope, ctx.reads(reads), clock));
      }
    };
  }

  /**
   * One row per server: a fresh cached answer as it is; the others are read concurrently, waiting
   * at most {@link #SERVERS_WAIT} in all. A server that did not answer in time, or failed, shows
   * its last known state and how old it is, or why it is unknown.
   */
  private static Reply serversReply(List<FleetServer> scope, KnownReads reads, Clock clock) {
    if (scope.isEmpty()) {
      return Reply.text("You have no servers in scope.");
    }
    Map<String, CompletableFuture<ApiResult<ServiceInfo>>> reading = new LinkedHashMap<>();
    for (FleetServer server : scope) {
      Optional<KnownReads.Known<ServiceInfo>> known =
          reads.lastKnown(server, KnownReads.Read.SERVICE_INFO);
      if (known.isEmpty() || !known.get().fresh()) {
        reading.put(server.name(), reads.fetch(server, KnownReads.Read.SERVICE_INFO));
      }
    }
    awaitAll(reading.values(), SERVERS_WAIT);
    Instant now = clock.instant();
    List<List<String>> rows = new ArrayList<>();
    int fromCache = 0;
    for (FleetServer server : scope) {
      CompletableFuture<ApiResult<ServiceInfo>> read = reading.get(server.name());
      ApiResult<ServiceInfo> answer = read != null ? read.getNow(null) : null;
      String state;
      if (answer instanceof ApiResult.Ok<ServiceInfo> ok) {
        state = oneLine(ok.value());
      } else {
        Optional<KnownReads.Known<ServiceInfo>> known =
            reads.lastKnown(server, KnownReads.Read.SERVICE_INFO);
        String why =
            read == null
                ? ""
                : answer == null ? "KiwiVM has not answered yet" : answer.describeFailure();
        if (known.isPresent()) {
          fromCache++;
          state =
              oneLine(known.get().value())
                  + " (as of "
                  + Units.relative(known.get().at(), now)
                  + (why.isEmpty() ? "" : "; now: " + stripPeriod(why))
                  + ")";
        } else {
          state = "unknown: " + why;
        }
      }
      rows.add(
          List.of(server.name(), String.join(",", new java.util.TreeSet<>(server.tags())), state));
    }
    Reply.Builder reply =
        Reply.builder().title("Servers").table(List.of("server", "tags", "state"), rows);
    if (fromCache > 0) {
      reply.text("States marked \"as of\" come from the bot's cache; info <server> reads anew.");
    }
    return reply.build();
  }

  private static void awaitAll(
      java.util.Collection<? extends CompletableFuture<?>> futures, Duration wait) {
    if (futures.isEmpty()) {
      return;
    }
    try {
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
          .get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // Answer with what is there; the rest keeps loading into the cache.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String stripPeriod(String sentence) {
    return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
  }

  private static String oneLine(ServiceInfo info) {
    List<String> parts = new ArrayList<>();
    parts.add(info.vmType().name().toLowerCase(java.util.Locale.ROOT));
    parts.add(info.nodeLocation());
    if (!info.ipAddresses().isEmpty()) {
      parts.add(info.ipAddresses().get(0));
    }
    if (info.suspended()) {
      parts.add("SUSPENDED");
    }
    if (!info.nullroutes().isEmpty()) {
      parts.add("NULLROUTED");
    }
    if (info.policyViolation()) {
      parts.add("POLICY VIOLATION");
    }
    return String.join(" · ", parts);
  }

  static Command info(KiwiVm kiwi, Clock clock) {
    CommandSpec spec =
        CommandSpec.builder("info")
            .server()
            .summary("plan, location, IPs, OS, bandwidth, nullroutes, abuse points")
            .examples("info web1")
            .build();
    return new ServerCommand(
        spec,
        0,
        ServerCommand.noArgs(
            server ->
                ctx -> {
                  ApiResult<ServiceInfo> result = ctx.kiwi().getServiceInfo(server);
                  if (!(result instanceof ApiResult.Ok<ServiceInfo> ok)) {
                    return Outcomes.failure(server, "read", result);
                  }
                  return renderInfo(server, ok.value(), clock);
                }));
  }

  static Reply renderInfo(FleetServer server, ServiceInfo i, Clock clock) {
    List<Block.Field> f = new ArrayList<>();
    f.add(new Block.Field("Hostname", i.hostname()));
    f.add(
        new Block.Field(
            "Plan", i.plan() + " (" + i.vmType().name().toLowerCase(java.util.Locale.ROOT) + ")"));
    f.add(
        new Block.Field(
            "Resources",
            "RAM "
                + Units.bytes(i.planRamBytes())
                + ", disk "
                + Units.bytes(i.planDiskBytes())
                + (i.planSwapBytes() > 0 ? ", swap " + Units.bytes(i.planSwapBytes()) : "")));
    f.add(
        new Block.Field(
            "Location",
            i.nodeLocation() + (i.nodeAlias().isEmpty() ? "" : " (node " + i.nodeAlias() + ")")));
    f.add(new Block.Field("OS", i.os()));
    f.add(
        new Block.Field(
            "IPs", i.ipAddresses().isEmpty() ? "none" : String.join(", ", i.ipAddresses())));
    if (!i.privateIpAddresses().isEmpty()) {
      f.add(new Block.Field("Private IPs", String.join(", ", i.privateIpAddresses())));
    }
    f.add(new Block.Field("Bandwidth", bandwidth(i, clock)));
    f.add(new Block.Field("ISO", i.iso1().isEmpty() ? "none mounted" : i.iso1()));
    if (!i.ptr().isEmpty()) {
      List<String> ptrs = new ArrayList<>();
      for (Map.Entry<String, String> e : new java.util.TreeMap<>(i.ptr()).entrySet()) {
        ptrs.add(e.getKey() + " → " + (e.getValue().isEmpty() ? "(none)" : e.getValue()));
      }
      f.add(new Block.Field("rDNS", String.join(", ", ptrs)));
    }
    f.add(
        new Block.Field(
            "Abuse points",
            i.totalAbusePoints()
                + " of "
                + i.maxAbusePoints()
                + (i.suspended() ? " — SUSPENDED" : "")));
    Reply.Builder reply = Reply.builder().title(server.name() + " — info").fields(f);
    if (!i.nullroutes().isEmpty()) {
      reply.tone(Tone.WARNING);
      i.nullroutes()
          .forEach(
              (ip, n) ->
                  reply.text(
                      "Nullrouted: "
                          + ip
                          + " since "
                          + Units.utc(n.since())
                          + (n.durationSeconds() > 0
                              ? " for "
                                  + Units.span(java.time.Duration.ofSeconds(n.durationSeconds()))
                              : "")));
    }
    if (i.policyViolation()) {
      reply
          .tone(Tone.WARNING)
          .text("Active policy violation: see `abuse violations " + server.name() + "`.");
    }
    return reply.build();
  }

  static String bandwidth(ServiceInfo i, Clock clock) {
    long used = i.scaledDataCounter();
    long quota = i.scaledMonthlyData();
    String text =
        Units.bytes(used)
            + " of "
            + Units.bytes(quota)
            + (quota > 0 ? " (" + Units.percent((double) used / quota) + ")" : "");
    if (i.monthlyDataMultiplier() != 1.0) {
      text +=
          ", multiplier ×"
              + i.monthlyDataMultiplier()
              + " (raw "
              + Units.bytes(i.dataCounterBytes())
              + " of "
              + Units.bytes(i.planMonthlyDataBytes())
              + ")";
    }
    if (i.dataNextReset() != null) {
      text +=
          "; resets "
              + Units.relative(i.dataNextReset(), clock.instant())
              + " ("
              + Units.utc(i.dataNextReset())
              + ")";
    }
    return text;
  }

  static Command status(KiwiVm kiwi) {
    CommandSpec spec =
        CommandSpec.builder("status")
            .server()
            .parameter(Parameter.flag("screen", "attach the VGA console screenshot"))
            .summary("running state, load, memory, disk, throttling")
            .examples("status web1", "status web1 --screen")
            .build();
    return new ServerCommand(
        spec,
        1,
        (server, rest) -> {
          boolean screen = false;
          for (String arg : rest) {
            if (arg.equals("--screen")) {
              screen = true;
            } else {
              throw new UsageException("Unexpected '" + arg + "'.");
            }
          }
          boolean withScreen = screen;
          return ctx -> {
            ApiResult<LiveServiceInfo> result = ctx.kiwi().getLiveServiceInfo(server);
            if (!(result instanceof ApiResult.Ok<LiveServiceInfo> ok)) {
              return Outcomes.failure(server, "read the status of", result);
            }
            return renderStatus(server, ok.value(), withScreen);
          };
        });
  }

  static Reply renderStatus(FleetServer server, LiveServiceInfo l, boolean screen) {
    List<Block.Field> f = new ArrayList<>();
    f.add(new Block.Field("State", l.powerState().name().toLowerCase(java.util.Locale.ROOT)));
    if (l.loadAverage() != null && !l.loadAverage().isBlank()) {
      f.add(new Block.Field("Load", l.loadAverage()));
    }
    if (l.info().vmType() == VmType.KVM) {
      if (l.memAvailableKb() != null && l.powerState() == PowerState.RUNNING) {
        f.add(
            new Block.Field(
                "Memory",
                Units.bytes(l.memAvailableKb() * 1024)
                    + " available of "
                    + Units.bytes(l.info().planRamBytes())));
      }
      if (l.swapTotalKb() != null && l.swapTotalKb() > 0 && l.swapAvailableKb() != null) {
        f.add(
            new Block.Field(
                "Swap",
                Units.bytes(l.swapAvailableKb() * 1024)
                    + " free of "
                    + Units.bytes(l.swapTotalKb() * 1024)));
      }
      if (l.usedDiskBytes() != null) {
        f.add(
            new Block.Field(
                "Disk",
                Units.bytes(l.usedDiskBytes())
                    + " used"
                    + (l.diskQuotaGb() != null ? " of " + l.diskQuotaGb() + " GB image" : "")));
      }
    } else {
      String occupied = l.vzQuota().get("occupied_kb");
      String limit = l.vzQuota().get("softlimit_kb");
      if (occupied != null && limit != null) {
        try {
          f.add(
              new Block.Field(
                  "Disk",
                  Units.bytes(Long.parseLong(occupied) * 1024)
                      + " used of "
                      + Units.bytes(Long.parseLong(limit) * 1024)));
        } catch (NumberFormatException e) {
          f.add(new Block.Field("Disk", occupied + " KB used of " + limit + " KB"));
        }
      }
      String nproc = l.vzStatus().get("nproc");
      if (nproc != null) {
        f.add(new Block.Field("Processes", nproc));
      }
    }
    f.add(
        new Block.Field(
            "Throttling",
            l.cpuThrottled() || l.diskThrottled()
                ? (l.cpuThrottled() ? "CPU throttled " : "")
                    + (l.diskThrottled() ? "disk I/O throttled" : "")
                : "none"));
    if (l.sshPort() != null) {
      f.add(new Block.Field("SSH port", String.valueOf(l.sshPort())));
    }
    Reply.Builder reply =
        Reply.builder()
            .title(server.name() + " — " + l.powerState().name().toLowerCase(java.util.Locale.ROOT))
            .tone(l.cpuThrottled() || l.diskThrottled() ? Tone.WARNING : Tone.INFO)
            .fields(f);
    if (screen) {
      if (l.screenshotPng() != null && l.screenshotPng().length > 0) {
        reply.attach(Attachment.png(server.name() + "-screen.png", l.screenshotPng()));
      } else {
        reply.text("No console screenshot available (KVM only, while running).");
      }
    }
    return reply.build();
  }
}
