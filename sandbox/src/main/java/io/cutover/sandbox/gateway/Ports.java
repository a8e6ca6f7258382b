package io.cutover.sandbox.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Finds blocks of consecutive free TCP ports for a port-per-node gateway. */
final class Ports {
  // Below Linux's ephemeral range (32768+), where the Kafka test kit and clients take their ports.
  private static final int LOW = 20000;
  private static final int HIGH = 32000;

  private Ports() {}

  /**
   * Returns the first port of {@code n} consecutive ports that are free on every interface now.
   * Another process may still take them before the proxy binds; the caller reports that clearly.
   */
  static int freeBlock(int n) {
    for (int attempt = 0; attempt < 100; attempt++) {
      int first = ThreadLocalRandom.current().nextInt(LOW, HIGH - n);
      if (free(first, n)) {
        return first;
      }
    }
    throw new IllegalStateException(
        "no block of "
            + n
            + " free consecutive ports between "
            + LOW
            + " and "
            + HIGH
            + "; pass an explicit port");
  }

  private static boolean free(int first, int n) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int p = first; p < first + n; p++) {
        ServerSocket s = new ServerSocket();
        held.add(s);
        s.setReuseAddress(true);
        // Probe the wildcard address: a port free there is free on the loopback address too.
        s.bind(new InetSocketAddress((InetAddress) null, p));
      }
      return true;
    } catch (IOException e) {
      return false;
    } finally {
      for (ServerSocket s : held) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing a probe socket cannot fail in a way that matters
        }
      }
    }
  }
}
