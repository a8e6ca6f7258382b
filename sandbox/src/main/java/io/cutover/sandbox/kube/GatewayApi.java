package io.cutover.sandbox.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * The CFK {@code Gateway} resource (the CFK Gateway CR, docs/sandbox.md: {@code
 * platform.confluent.io/v1beta1}, kind Gateway, plural gateways, namespaced, status subresource)
 * and JSON/YAML tree conversions.
 */
final class GatewayApi {
  static final String GROUP = "platform.confluent.io";
  static final String VERSION = "v1beta1";
  static final String API_VERSION = GROUP + "/" + VERSION;
  static final String KIND = "Gateway";
  static final ResourceDefinitionContext CONTEXT =
      new ResourceDefinitionContext.Builder()
          .withGroup(GROUP)
          .withVersion(VERSION)
          .withKind(KIND)
          .withPlural("gateways")
          .withNamespaced(true)
          .build();

  static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private GatewayApi() {}

  static MixedOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      gateways(KubernetesClient client) {
    return client.genericKubernetesResources(CONTEXT);
  }

  /**
   * The Gateway CRD as CFK registers it, reduced to what the mock needs: the status subresource (so
   * spec writes never touch status and status writes never bump the generation) and an open schema.
   */
  static CustomResourceDefinition crd() {
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata()
        .withName("gateways." + GROUP)
        .endMetadata()
        .withNewSpec()
        .withGroup(GROUP)
        .withScope("Namespaced")
        .withNewNames()
        .withKind(KIND)
        .withListKind("GatewayList")
        .withPlural("gateways")
        .withSingular("gateway")
        .endNames()
        .addNewVersion()
        .withName(VERSION)
        .withServed(true)
        .withStorage(true)
        .withNewSubresources()
        .withNewStatus()
        .endStatus()
        .endSubresources()
        .withNewSchema()
        .withNewOpenAPIV3Schema()
        .withType("object")
        .withXKubernetesPreserveUnknownFields(true)
        .endOpenAPIV3Schema()
        .endSchema()
        .endVersion()
        .endSpec()
        .build();
  }

  static ObjectNode toTree(GenericKubernetesResource r) {
    return JSON.valueToTree(r);
  }

  static GenericKubernetesResource fromTree(JsonNode tree) {
    try {
      return JSON.treeToValue(tree, GenericKubernetesResource.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a Kubernetes object: " + e.getOriginalMessage(), e);
    }
  }

  static String toYaml(JsonNode tree) {
    try {
      return YAML.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render YAML: " + e.getOriginalMessage(), e);
    }
  }

  static ObjectNode fromYaml(String yaml) {
    try {
      JsonNode n = YAML.readTree(yaml);
      if (!(n instanceof ObjectNode o)) {
        throw new IllegalArgumentException("expected a YAML mapping");
      }
      return o;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid YAML: " + e.getOriginalMessage(), e);
    }
  }
}
