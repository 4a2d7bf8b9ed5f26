package dev.kiwiops.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operating-system signals ({@code HUP}, {@code TERM}) through {@code sun.misc.Signal}, reached by
 * reflection: that API is not part of the Java SE standard, so a JVM without it (or a signal the
 * platform does not know, or one the JVM keeps for itself) is reported as {@code false} and the
 * caller carries on without it.
 */
final class Signals {
  private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

  private Signals() {}

  /** Runs {@code action} on a JVM thread each time the process receives {@code SIG<name>}. */
  static boolean on(String name, Runnable action) {
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Constructor<?> create = signalClass.getConstructor(String.class);
      Object signal = create.newInstance(name);
      InvocationHandler forward =
          (Object proxy, Method method, Object[] args) -> {
            if (method.getName().equals("handle")) {
              action.run();
              return null;
            }
            if (method.getName().equals("toString")) {
              return "kiwiops SIG" + name + " handler";
            }
            if (method.getName().equals("hashCode")) {
              return System.identityHashCode(proxy);
            }
            if (method.getName().equals("equals")) {
              return proxy == args[0];
            }
            return null;
          };
      Object handler =
          Proxy.newProxyInstance(
              Signals.class.getClassLoader(), new Class<?>[] {handlerClass}, forward);
      signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      LOG.debug("SIG{} cannot be handled here: {}", name, e.toString());
      return false;
    }
  }
}
