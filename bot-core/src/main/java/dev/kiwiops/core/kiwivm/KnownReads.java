package dev.kiwiops.core.kiwivm;

import dev.kiwiops.core.fleet.FleetServer;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * What the bot already knows of KiwiVM's read answers, for answers that must not wait on KiwiVM
 * (autocomplete) or may use a recent value ({@code servers}). The KiwiVM client implements it with
 * its read cache; {@link #through(KiwiVm)} serves a port without one.
 *
 * <p>Thread-safe. {@link #lastKnown} never calls KiwiVM and never blocks; {@link #fetch} reads in
 * the background and returns at once.
 */
public interface KnownReads {

  /**
   * The last successful answer of {@code read} for the server, however old, without calling KiwiVM;
   * empty when there was none yet (or it was forgotten to bound memory).
   */
  <T> Optional<Known<T>> lastKnown(FleetServer server, Read<T> read);

  /**
   * Reads {@code read} for the server in the background (from the cache when it is fresh) and
   * completes with its outcome; a successful answer becomes the new {@link #lastKnown} value.
   * Identical fetches in flight share one read. Never completes exceptionally.
   */
  <T> CompletableFuture<ApiResult<T>> fetch(FleetServer server, Read<T> read);

  /**
   * A remembered answer.
   *
   * @param value the answer
   * @param at when KiwiVM gave it
   * @param fresh whether it is still within its cache lifetime (no write to the server since)
   */
  record Known<T>(T value, Instant at, boolean fresh) {
    public Known {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * One read of the {@link KiwiVm} port whose answers may be remembered: a typed name, and the port
   * method it stands for.
   */
  final class Read<T> {
    public static final Read<ServiceInfo> SERVICE_INFO =
        new Read<>("getServiceInfo", KiwiVm::getServiceInfo);
    public static final Read<AvailableOs> AVAILABLE_OS =
        new Read<>("getAvailableOS", KiwiVm::getAvailableOs);
    public static final Read<List<Snapshot>> SNAPSHOTS =
        new Read<>("snapshot/list", KiwiVm::listSnapshots);
    public static final Read<List<Backup>> BACKUPS = new Read<>("backup/list", KiwiVm::listBackups);
    public static final Read<List<String>> PRIVATE_IPS_AVAILABLE =
        new Read<>("privateIp/getAvailableIps", KiwiVm::availablePrivateIps);
    public static final Read<MigrateLocations> MIGRATE_LOCATIONS =
        new Read<>("migrate/getLocations", KiwiVm::migrateLocations);
    public static final Read<PolicyViolations> POLICY_VIOLATIONS =
        new Read<>("getPolicyViolations", KiwiVm::getPolicyViolations);
    public static final Read<SuspensionDetails> SUSPENSION_DETAILS =
        new Read<>("getSuspensionDetails", KiwiVm::getSuspensionDetails);

    /** Every read, in declaration order. */
    public static final List<Read<?>> ALL =
        List.of(
            SERVICE_INFO,
            AVAILABLE_OS,
            SNAPSHOTS,
            BACKUPS,
            PRIVATE_IPS_AVAILABLE,
            MIGRATE_LOCATIONS,
            POLICY_VIOLATIONS,
            SUSPENSION_DETAILS);

    private final String call;
    private final BiFunction<KiwiVm, FleetServer, ApiResult<T>> method;

    private Read(String call, BiFunction<KiwiVm, FleetServer, ApiResult<T>> method) {
      this.call = call;
      this.method = method;
    }

    /** The KiwiVM call as on the wire ({@code snapshot/list}). */
    public String call() {
      return call;
    }

    /** Makes this read through {@code kiwi}: blocks until KiwiVM answers. */
    public ApiResult<T> readFrom(KiwiVm kiwi, FleetServer server) {
      return method.apply(kiwi, server);
    }

    @Override
    public String toString() {
      return call;
    }
  }

  /**
   * Known reads for a port without a cache: nothing is remembered, and a fetch reads through the
   * port on the calling thread (so it has completed when it returns).
   */
  static KnownReads through(KiwiVm kiwi) {
    Objects.requireNonNull(kiwi, "kiwi");
    return new KnownReads() {
      @Override
      public <T> Optional<Known<T>> lastKnown(FleetServer server, Read<T> read) {
        return Optional.empty();
      }

      @Override
      public <T> CompletableFuture<ApiResult<T>> fetch(FleetServer server, Read<T> read) {
        return CompletableFuture.completedFuture(read.readFrom(kiwi, server));
      }
    };
  }
}
