package io.cutover.activities.validation;

import io.cutover.activities.clusterlink.ClusterLinkClient;
import io.cutover.activities.clusterlink.ClusterLinkException;
import io.cutover.activities.clusterlink.ClusterLinkOptions;
import io.cutover.activities.clusterlink.LinkAddress;
import io.cutover.activities.credentials.CredentialException;
import io.cutover.activities.credentials.CredentialResolver;
import io.cutover.activities.gateway.GatewayCrValidator;
import io.cutover.activities.gateway.GatewayException;
import io.cutover.activities.gateway.GatewayValidation;
import io.cutover.activities.gateway.KubernetesClientProvider;
import io.cutover.activities.offsets.OffsetReader;
import io.cutover.activities.offsets.OffsetSweepException;
import io.cutover.activities.offsets.TopicNames;
import io.cutover.workflow.activity.CutoverActivityOptions;
import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.activity.Targets;
import io.cutover.workflow.activity.ValidationActivities;
import io.cutover.workflow.model.CredentialLook;
import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.PlanSecrecy;
import io.cutover.workflow.model.TopicPatterns;
import io.cutover.workflow.model.TopicSet;
import io.cutover.workflow.model.ValidationReport;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * VALIDATE: runs the link, gateway and Kafka checks and reports every problem at once. Reads only.
 * Problems an operator must fix are returned in the report; failures a retry can fix (429, 5xx,
 * timeouts) fail the activity so Temporal retries it.
 */
public final class ValidationActivitiesImpl implements ValidationActivities {
  private final CredentialResolver credentials;
  private final KubernetesClientProvider kubernetes;
  private final OffsetReader offsets;
  private final TopicNames topicNames;
  private final ClusterLinkOptions linkOptions;
  private final Consumer<String> heartbeat;
  private final BooleanSupplier lastAttempt;

  public ValidationActivitiesImpl(
      CredentialResolver credentials,
      KubernetesClientProvider kubernetes,
      OffsetReader offsets,
      TopicNames topicNames,
      ClusterLinkOptions linkOptions) {
    this(
        credentials,
        kubernetes,
        offsets,
        topicNames,
        linkOptions,
        d -> Activity.getExecutionContext().heartbeat(d),
        () ->
            Activity.getExecutionContext().getInfo().getAttempt()
                >= CutoverActivityOptions.VALIDATION_ATTEMPTS);
  }

  /**
   * @param heartbeat called between checks; tests pass a no-op
   * @param lastAttempt true on the activity's last attempt: then an unreachable system is reported
   *     as a problem next to the others, instead of failing the activity for one more retry
   */
  public ValidationActivitiesImpl(
      CredentialResolver credentials,
      KubernetesClientProvider kubernetes,
      OffsetReader offsets,
      TopicNames topicNames,
      ClusterLinkOptions linkOptions,
      Consumer<String> heartbeat,
      BooleanSupplier lastAttempt) {
    this.credentials = credentials;
    this.kubernetes = kubernetes;
    this.offsets = offsets;
    this.topicNames = topicNames;
    this.linkOptions = linkOptions;
    this.heartbeat = heartbeat;
    this.lastAttempt = lastAttempt;
  }

  /**
   * Listed topics above which history grows past its targets (docs/architecture.md, "Topic sets").
   */
  static final int LISTED_TOPICS_WARNED = 2000;

  @Override
  public ValidationReport validatePlan(MigrationPlan plan) {
    // A plan can arrive through the API, not only from the CLI: a credential in it is refused
    // before
    // any system is contacted, since every later message could quote the field.
    List<String> leaks = PlanSecrecy.problems(plan);
    if (!leaks.isEmpty()) {
      return new ValidationReport(
          leaks,
          List.of(),
          null,
          null,
          Map.of(),
          leaks.size() + " credential(s) in the plan; nothing was contacted");
    }
    List<String> problems = new ArrayList<>(plan.policies().problems("policies."));
    List<String> warnings = new ArrayList<>();
    try {
      heartbeat.accept("cluster link");
      LinkCheck.Result link = checkLink(plan, problems, warnings);
      heartbeat.accept("gateway");
      GatewayValidation gateway = checkGateway(plan, problems);
      warnings.addAll(gateway.warnings());
      heartbeat.accept("kafka");
      boolean sourceAnswers = checkKafka(Targets.Kafka.source(plan), link.topics(), problems);
      checkKafka(Targets.Kafka.destination(plan), link.topics(), problems);
      // An unreachable source is reported once, above, not again by the topic listing.
      if (sourceAnswers && link.checked() && !plan.topicPatterns().isEmpty()) {
        heartbeat.accept("source topics");
        checkPatternsOnSource(Targets.Kafka.source(plan), plan, link.topics(), problems);
      }
      String summary =
          link.summary() + "; " + gateway.summary() + "; source and destination answer";
      // The report is recorded in history; a client or API server error may quote an address.
      problems.replaceAll(CredentialLook::redact);
      warnings.replaceAll(CredentialLook::redact);
      // By reference: the names of every mirror on the link stay out of history
      // (docs/architecture.md, "Topic sets").
      TopicSet topics =
          plan.selectsFromLink()
              ? TopicSet.link(link.topics(), TopicSet.selectors(plan))
              : TopicSet.listed(link.topics());
      if (plan.topics().size() > LISTED_TOPICS_WARNED) {
        warnings.add(
            "spec.topics lists "
                + plan.topics().size()
                + " topics: a listed set travels in history with"
                + " every request over the whole set, so an attempt's history passes 1 MiB above about "
                + LISTED_TOPICS_WARNED
                + ". On a link dedicated to this group, name no topics (every mirror on the link"
                + " is then referenced by count and digest); otherwise split the group");
      }
      return new ValidationReport(
          problems, warnings, topics, gateway.snapshot(), link.offsetSyncConfigs(), summary);
    } catch (ClusterLinkException e) {
      throw ApplicationFailure.newFailure(
          "validation could not reach the REST API: " + CredentialLook.redact(e.getMessage()),
          FailureTypes.TRANSIENT);
    } catch (OffsetSweepException e) {
      throw ApplicationFailure.newFailure(
          "validation could not read offsets: " + CredentialLook.redact(e.getMessage()),
          FailureTypes.TRANSIENT);
    }
  }

  private LinkCheck.Result checkLink(
      MigrationPlan plan, List<String> problems, List<String> warnings) {
    Targets.Link link = Targets.Link.of(plan);
    try {
      ClusterLinkClient client =
          ClusterLinkClient.create(
              LinkAddress.of(link), credentials.rest(link.credentials()), linkOptions);
      return LinkCheck.check(client, plan, problems, warnings);
    } catch (ClusterLinkException e) {
      if (!lastAttempt.getAsBoolean()) {
        throw e; // transient: Temporal retries the whole validation
      }
      problems.add("cluster link: " + e.getMessage());
      return LinkCheck.Result.unchecked(plan);
    } catch (CredentialException e) {
      problems.add("destination REST credentials (" + link.credentials() + "): " + e.getMessage());
      return LinkCheck.Result.unchecked(plan);
    }
  }

  private GatewayValidation checkGateway(MigrationPlan plan, List<String> problems) {
    var g = plan.gateway();
    try {
      GatewayValidation v =
          GatewayCrValidator.validate(
              kubernetes.client(g.kubeconfig(), g.kubeContext()),
              g.namespace(),
              g.name(),
              g.switchoverCr(),
              g.targetStreamingDomain(),
              g.fenceRoutes(),
              plan.policies().fenceErrorCode());
      problems.addAll(v.problems());
      return v;
    } catch (KubernetesClientException | GatewayException | IllegalArgumentException e) {
      problems.add(
          "spec.gateway: cannot reach the Kubernetes API with kubeconfig "
              + (g.kubeconfig().isEmpty() ? "(default)" : g.kubeconfig())
              + (g.kubeContext().isEmpty() ? "" : " context " + g.kubeContext())
              + ": "
              + e.getMessage());
      return new GatewayValidation(List.of(), List.of(), null, "gateway not checked");
    }
  }

  /**
   * Patterns are resolved against the live source (kcp does so): a source topic they match with no
   * ACTIVE mirror in scope would be left behind, and its clients switched to a destination without
   * it.
   */
  private void checkPatternsOnSource(
      Targets.Kafka source, MigrationPlan plan, List<String> scope, List<String> problems) {
    Set<String> names;
    try {
      names = topicNames.topicNames(source);
    } catch (CredentialException | OffsetSweepException e) {
      kafkaProblem(source, e, problems);
      return;
    }
    Set<String> inScope = new HashSet<>(scope);
    List<String> left =
        TopicPatterns.select(List.copyOf(new TreeSet<>(names)), List.of(), plan.topicPatterns())
            .stream()
            .filter(t -> !inScope.contains(t))
            .toList();
    if (!left.isEmpty()) {
      problems.add(
          "topicPatterns: "
              + left.size()
              + " source topic(s) match the plan's patterns but have no mirror on cluster link \""
              + plan.linkName()
              + "\": "
              + String.join(", ", left.subList(0, Math.min(20, left.size())))
              + (left.size() > 20 ? ", ..." : "")
              + "; their clients would be switched to a destination without them. Create their"
              + " mirrors, or narrow the patterns so that they do not match");
    }
  }

  /** The clusters must answer with these credentials now, not in the middle of the fence. */
  /**
   * @return whether the cluster answered (or there was nothing to ask it)
   */
  private boolean checkKafka(Targets.Kafka cluster, List<String> topics, List<String> problems) {
    if (topics.isEmpty()) {
      return true;
    }
    try {
      offsets.latestOffsets(cluster, topics);
      return true;
    } catch (CredentialException | OffsetSweepException e) {
      kafkaProblem(cluster, e, problems);
      return false;
    }
  }

  /**
   * A failed read of {@code cluster}: a problem naming its role, except a transient failure while
   * attempts are left, which is thrown so that Temporal retries the validation.
   */
  private void kafkaProblem(Targets.Kafka cluster, RuntimeException e, List<String> problems) {
    if (e instanceof CredentialException) {
      problems.add(
          cluster.role() + " credentials (" + cluster.credentials() + "): " + e.getMessage());
      return;
    }
    if (e instanceof OffsetSweepException s
        && s.kind() == OffsetSweepException.Kind.TRANSIENT
        && !lastAttempt.getAsBoolean()) {
      throw s;
    }
    problems.add(cluster.role() + " cluster: " + e.getMessage());
  }
}
