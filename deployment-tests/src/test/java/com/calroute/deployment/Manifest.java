package com.calroute.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;

/** One YAML document under k8s/: where it came from, its raw tree and its typed fabric8 resource. */
record Manifest(String source, JsonNode raw, HasMetadata resource) {

    String kind() {
        return resource.getKind();
    }

    String name() {
        return resource.getMetadata() == null ? null : resource.getMetadata().getName();
    }

    String namespace() {
        return resource.getMetadata() == null ? null : resource.getMetadata().getNamespace();
    }

    /** "Kind/name (file #n)", the way violations name a resource. */
    String id() {
        return kind() + "/" + name() + " (" + source + ")";
    }

    <T> T as(Class<T> type) {
        return type.cast(resource);
    }
}
