package io.cutover.activities.clusterlink;

import io.cutover.workflow.activity.Targets;

/**
 * Where a cluster link lives: the destination's REST endpoint, its cluster id and the link name.
 * Holds no credentials, so it is safe to print.
 *
 * @param restEndpoint base URL; {@code /kafka/v3} is appended unless the path already ends in
 *     {@code /kafka/v3} or {@code /v3} (CP's standalone REST Proxy)
 * @param clusterId destination cluster id ({@code lkc-...} on Confluent Cloud)
 * @param linkName the cluster link's name
 */
public record LinkAddress(String restEndpoint, String clusterId, String linkName) {

  public LinkAddress {
    restEndpoint = require(restEndpoint, "restEndpoint", "the destination's REST endpoint");
    clusterId = require(clusterId, "clusterId", "the destination cluster id (lkc-...)");
    linkName = require(linkName, "linkName", "the cluster link's name");
    // "." and ".." would be resolved away as relative path segments instead of being sent.
    if (clusterId.equals(".")
        || clusterId.equals("..")
        || linkName.equals(".")
        || linkName.equals("..")) {
      throw ClusterLinkException.invalid(
          "cluster id and link name cannot be \".\" or \"..\"; fix the plan");
    }
  }

  /** The address of the link a plan's activity targets. */
  public static LinkAddress of(Targets.Link link) {
    return new LinkAddress(link.restEndpoint(), link.clusterId(), link.linkName());
  }

  private static String require(String value, String field, String what) {
    if (value == null || value.isBlank()) {
      throw ClusterLinkException.invalid(field + " is empty: set " + what + " in the plan");
    }
    return value.trim();
  }

  @Override
  public String toString() {
    return "cluster link \"" + linkName + "\" on cluster " + clusterId + " (" + restEndpoint + ")";
  }
}
