package io.cutover.demo;

import io.cutover.manifest.GoDuration;
import io.cutover.sandbox.Sandbox;
import io.cutover.sandbox.kube.HotReloadPods;
import io.cutover.sandbox.link.LinkFaults;
import io.cutover.sandbox.workload.RogueProducer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The faults a user of {@code cutover sandbox} can turn on and off by typing a line into its
 * terminal, each one a failure Cutover must handle: a producer that bypasses the gateway, a mirror
 * that stops copying, an operator that rejects a change, a REST API that fails for a while, and on
 * a hot-reload gateway a pod that picks a change up late or never.
 */
final class SandboxKnobs implements AutoCloseable {
  static final String HELP =
      String.join(
          System.lineSeparator(),
          "Knobs (type one and press Enter):",
          "  rogue-producer on|off   a producer writes straight to the source's first topic, bypassing"
              + " the gateway: VERIFY_FENCE sees it and rolls back (that topic's group)",
          "  stall-lag on|off        the link stops copying the first topic: its lag grows and"
              + " WAIT_FOR_LAG waits",
          "  reject-next             the gateway operator rejects the next change (FENCE or SWITCH"
              + " fails)",
          "  rest-errors DURATION    the Confluent REST API answers 503 for that long (e.g. 20s):"
              + " activities retry",
          "  lag-pod DURATION        with --hot-reload: one gateway pod picks each change up that"
              + " much later (0s ends it); Cutover waits for it, up to hotReloadTimeout",
          "  stall-pod on|off        with --hot-reload: one gateway pod never picks a change up: the"
              + " fence is not confirmed and the attempt rolls back",
          "  clear                   every knob off",
          "  clients                 what the live clients have done so far",
          "  stop                    stop everything and print the loss report (as Ctrl+C does)",
          "  help                    this list");

  private final Sandbox sandbox;
  private final SandboxClients clients;
  private final boolean hotReload;
  private RogueProducer rogue;

  SandboxKnobs(Sandbox sandbox, SandboxClients clients, boolean hotReload) {
    this.sandbox = sandbox;
    this.clients = clients;
    this.hotReload = hotReload;
  }

  /** What a line asks for; STOP ends the sandbox. */
  enum Verdict {
    GO_ON,
    STOP
  }

  /** Applies one typed line and says what happened, or how to type it right. */
  synchronized Verdict apply(String line, StringBuilder reply) {
    List<String> words = List.of(line.trim().toLowerCase(Locale.ROOT).split("\\s+"));
    String knob = words.get(0);
    String arg = words.size() > 1 ? words.get(1) : "";
    switch (knob) {
      case "" -> {}
      case "rogue-producer" -> onOff(knob, arg, reply, this::rogue);
      case "stall-lag" -> onOff(knob, arg, reply, this::stall);
      case "reject-next" -> {
        sandbox.kube().operator().rejectNext("rejected by the sandbox's reject-next knob");
        reply.append("the operator will reject the next Gateway change");
      }
      case "rest-errors" -> restErrors(arg, reply);
      case "lag-pod" -> lagPod(arg, reply);
      case "stall-pod" -> onOff(knob, arg, reply, this::stallPod);
      case "clear" -> {
        clear();
        reply.append("every knob is off");
      }
      case "clients" -> reply.append(clients());
      case "help" -> reply.append(HELP);
      case "stop", "quit", "exit" -> {
        return Verdict.STOP;
      }
      default -> reply.append("unknown knob '").append(knob).append("'. ").append(HELP);
    }
    return Verdict.GO_ON;
  }

  String clients() {
    return clients.counts()
        + (rogue == null ? "" : "; rogue producer: " + rogue.sent() + " written to the source");
  }

  private interface Toggle {
    String set(boolean on);
  }

  private static void onOff(String knob, String arg, StringBuilder reply, Toggle t) {
    switch (arg) {
      case "on" -> reply.append(t.set(true));
      case "off" -> reply.append(t.set(false));
      default -> reply.append(knob).append(" takes on or off, e.g. '").append(knob).append(" on'");
    }
  }

  private String rogue(boolean on) {
    String topic = sandbox.topics().get(0);
    if (on && rogue == null) {
      rogue = RogueProducer.start(sandbox.kafka().sourceBootstrap(), topic);
      return "rogue producer writing to "
          + topic
          + " on the source "
          + sandbox.kafka().sourceBootstrap()
          + ", 10 records/s";
    }
    if (!on && rogue != null) {
      stopRogue();
      return "rogue producer stopped";
    }
    return "rogue producer is already " + (on ? "on" : "off");
  }

  private String stall(boolean on) {
    String topic = sandbox.topics().get(0);
    if (on) {
      sandbox.link().faults().stallCopying(topic);
      return "the link stopped copying " + topic + "; its lag grows while clients produce";
    }
    sandbox.link().faults().resumeCopying(topic);
    return "the link copies " + topic + " again";
  }

  private void lagPod(String arg, StringBuilder reply) {
    Duration d =
        duration(arg, "lag-pod takes a duration, e.g. 'lag-pod 5s' ('lag-pod 0s' ends it)", reply);
    HotReloadPods pods = d == null ? null : hotReloadPods(reply);
    if (pods != null) {
      String pod = pods.lagOnePod(d);
      reply.append(
          d.isZero()
              ? "every gateway pod picks changes up at once"
              : "gateway pod " + pod + " picks each change up " + arg + " after the others");
    }
  }

  private String stallPod(boolean on) {
    StringBuilder reply = new StringBuilder();
    HotReloadPods pods = hotReloadPods(reply);
    if (pods == null) {
      return reply.toString();
    }
    if (on) {
      return "gateway pod " + pods.stallOnePod() + " picks no change up from now on";
    }
    pods.resumeStalledPod();
    return "every gateway pod picks changes up again";
  }

  /** The pods' /config knobs, or null (and why, in {@code reply}) on a rolling-restart gateway. */
  private HotReloadPods hotReloadPods(StringBuilder reply) {
    if (!hotReload) {
      reply.append(
          "the gateway restarts its pods for each change; start the sandbox with --hot-reload to"
              + " use the pod knobs");
      return null;
    }
    return sandbox.kube().hotReloadPods();
  }

  /** The knob's duration argument, or null with {@code usage} as the reply. */
  private static Duration duration(String arg, String usage, StringBuilder reply) {
    try {
      return GoDuration.parse(arg);
    } catch (IllegalArgumentException e) {
      reply.append(usage);
      return null;
    }
  }

  private void restErrors(String arg, StringBuilder reply) {
    Duration d = duration(arg, "rest-errors takes a duration, e.g. 'rest-errors 20s'", reply);
    if (d == null) {
      return;
    }
    sandbox.link().faults().failFor(d, LinkFaults.Fault.SERVICE_UNAVAILABLE);
    reply.append("the REST API answers 503 for ").append(arg);
  }

  private void clear() {
    stall(false);
    if (hotReload) {
      sandbox.kube().hotReloadPods().lagOnePod(Duration.ZERO);
      sandbox.kube().hotReloadPods().resumeStalledPod();
    }
    sandbox.link().faults().clear();
    if (rogue != null) {
      stopRogue();
    }
  }

  private void stopRogue() {
    try {
      rogue.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    rogue = null;
  }

  @Override
  public synchronized void close() {
    if (rogue != null) {
      stopRogue();
    }
  }
}
