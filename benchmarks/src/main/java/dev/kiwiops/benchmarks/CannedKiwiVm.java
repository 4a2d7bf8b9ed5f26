package dev.kiwiops.benchmarks;

import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.kiwivm.ServiceInfo;
import dev.kiwiops.core.testkit.FakeServiceInfo;
import java.lang.reflect.Proxy;

/**
 * A KiwiVM port that answers {@code getServiceInfo} at once from memory (a calm KVM server) and
 * every other call with an API error. Unlike the test kit's {@code RecordingKiwiVm} it keeps
 * nothing per call, so millions of calls neither grow the heap nor add to the allocation figures
 * beyond the proxy's own argument array.
 */
final class CannedKiwiVm {
  private CannedKiwiVm() {}

  static KiwiVm answeringServiceInfo() {
    ApiResult<ServiceInfo> info = new ApiResult.Ok<>(new FakeServiceInfo().info());
    return (KiwiVm)
        Proxy.newProxyInstance(
            KiwiVm.class.getClassLoader(),
            new Class<?>[] {KiwiVm.class},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                  case "toString" -> "CannedKiwiVm";
                  case "hashCode" -> System.identityHashCode(proxy);
                  default -> proxy == args[0];
                };
              }
              return method.getName().equals("getServiceInfo")
                  ? info
                  : new ApiResult.ApiError<>(1, "not canned: " + method.getName());
            });
  }
}
