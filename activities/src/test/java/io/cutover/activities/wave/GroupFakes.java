package io.cutover.activities.wave;

import io.cutover.workflow.FakeSystems;
import io.cutover.workflow.activity.ClusterLinkActivities;
import io.cutover.workflow.activity.GatewayActivities;
import io.cutover.workflow.activity.OffsetActivities;
import io.cutover.workflow.activity.ValidationActivities;
import io.temporal.activity.Activity;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One {@link FakeSystems} per group of a wave, each with its own gateway, link and lag: every
 * activity call goes to the fake of the workflow that scheduled it. {@link #log} records the calls
 * of all groups in order, as {@code <group> <method>}.
 */
final class GroupFakes {
  final Map<String, FakeSystems> byGroup = new ConcurrentHashMap<>();
  final List<String> log = new CopyOnWriteArrayList<>();

  FakeSystems add(String group, List<String> topics) {
    FakeSystems f = new FakeSystems(topics);
    byGroup.put("migration-" + group, f);
    return f;
  }

  FakeSystems of(String group) {
    return byGroup.get("migration-" + group);
  }

  /** The four cutover activity interfaces, routed by the calling workflow's id. */
  Object activities() {
    return Proxy.newProxyInstance(
        GroupFakes.class.getClassLoader(),
        new Class<?>[] {
          ValidationActivities.class,
          GatewayActivities.class,
          ClusterLinkActivities.class,
          OffsetActivities.class
        },
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return method.invoke(this, args);
          }
          String workflowId = Activity.getExecutionContext().getInfo().getWorkflowId();
          FakeSystems f = byGroup.get(workflowId);
          if (f == null) {
            throw new IllegalStateException("no fake for " + workflowId);
          }
          log.add(workflowId.substring("migration-".length()) + " " + method.getName());
          try {
            return method.invoke(f, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /** Index in {@link #log} of the first {@code <group> <method>} entry; -1 when none. */
  int first(String group, String method) {
    return log.indexOf(group + " " + method);
  }

  /** Index in {@link #log} of the last {@code <group> <method>} entry; -1 when none. */
  int last(String group, String method) {
    return log.lastIndexOf(group + " " + method);
  }
}
