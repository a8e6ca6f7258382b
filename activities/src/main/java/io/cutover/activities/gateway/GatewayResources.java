package io.cutover.activities.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** The CFK Gateway resource as seen through fabric8's generic client, and JSON tree conversions. */
public final class GatewayResources {
  private GatewayResources() {}

  public static final String GROUP = "platform.confluent.io";
  public static final String VERSION = "v1beta1";
  public static final String API_VERSION = GROUP + "/" + VERSION;
  public static final String KIND = "Gateway";
  public static final String PLURAL = "gateways";

  /** {@code platform.confluent.io/v1beta1 gateways}, namespaced. */
  public static final ResourceDefinitionContext CONTEXT =
      new ResourceDefinitionContext.Builder()
          .withGroup(GROUP)
          .withVersion(VERSION)
          .withKind(KIND)
          .withPlural(PLURAL)
          .withNamespaced(true)
          .build();

  /**
   * Integers beyond long stay BigInteger and decimals stay exact, so node-id ranges and other large
   * numbers survive a read-modify-write unchanged.
   */
  static final ObjectMapper JSON =
      JsonMapper.builder()
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  /** The Gateway operation on a client. */
  public static MixedOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      gateways(KubernetesClient client) {
    return client.genericKubernetesResources(CONTEXT);
  }

  /** Reads the live Gateway as a JSON tree; null when it does not exist. */
  public static ObjectNode read(KubernetesClient client, String namespace, String name) {
    GenericKubernetesResource r = gateways(client).inNamespace(namespace).withName(name).get();
    return r == null ? null : toTree(r);
  }

  /** A fabric8 resource as a JSON tree. */
  public static ObjectNode toTree(GenericKubernetesResource resource) {
    return JSON.valueToTree(resource);
  }

  /** A JSON tree as a fabric8 resource. */
  public static GenericKubernetesResource fromTree(JsonNode tree) {
    try {
      return JSON.treeToValue(tree, GenericKubernetesResource.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a Kubernetes object: " + e.getOriginalMessage(), e);
    }
  }

  /** Parses a JSON string into an object tree. */
  public static ObjectNode parseJson(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      if (n == null || !n.isObject()) {
        throw new IllegalArgumentException("expected a JSON object");
      }
      return (ObjectNode) n;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Serializes a tree to compact JSON. */
  public static String toJson(JsonNode tree) {
    try {
      return JSON.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
