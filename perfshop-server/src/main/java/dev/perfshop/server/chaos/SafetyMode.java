package dev.perfshop.server.chaos;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Whether security anomalies (real weaknesses) may run. They are off unless the server listens on
 * loopback only, or was started with {@code perfshop.chaos.unsafe-lab=true}.
 */
public enum SafetyMode {
  /** Security types are refused: the server is reachable beyond this machine. */
  LOCKED("locked"),
  /** The server binds to a loopback address: only this machine can reach it. */
  LOOPBACK("loopback"),
  /** Explicitly allowed by {@code perfshop.chaos.unsafe-lab=true}. */
  UNSAFE_LAB("unsafe-lab");

  private final String id;

  SafetyMode(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public boolean allowsSecurityChaos() {
    return this != LOCKED;
  }

  /** Decides from {@code server.address} (null: every interface) and the unsafe-lab flag. */
  static SafetyMode of(String serverAddress, boolean unsafeLab) {
    if (unsafeLab) {
      return UNSAFE_LAB;
    }
    if (serverAddress == null || serverAddress.isBlank()) {
      return LOCKED;
    }
    try {
      return InetAddress.getByName(serverAddress.strip()).isLoopbackAddress() ? LOOPBACK : LOCKED;
    } catch (UnknownHostException e) {
      return LOCKED;
    }
  }
}
