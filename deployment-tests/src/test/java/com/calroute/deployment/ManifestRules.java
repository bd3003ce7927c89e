package com.calroute.deployment;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules a Calroute manifest set must keep beyond the API schema: what the API server would accept but a
 * working deployment would not (a probe on a port the container does not open, a Service that selects nothing, a
 * disruption budget that blocks every node drain). Each rule returns its violations; an empty list is a pass.
 */
final class ManifestRules {

    static final String NAMESPACE = "calroute";
    static final String NAME_LABEL = "app.kubernetes.io/name";
    static final String GATEWAY = "api-gateway";
    static final String PLATFORM_CONFIG = "calroute-platform";
    static final String SYNC = "calendar-sync-service";

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    static final long SHUTDOWN_MARGIN_SECONDS = 5;
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");

    private final Manifests.Loaded loaded;

    ManifestRules(Manifests.Loaded loaded) {
        this.loaded = loaded;
    }

    /** Names, namespaces and labels. */
    List<String> metadata() {
        List<String> v = new ArrayList<>();
        for (Manifest m : loaded.manifests()) {
            if (m.name() == null || !DNS_SUBDOMAIN.matcher(m.name()).matches()) {
                v.add(m.id() + ": metadata.name must be a DNS subdomain");
            }
            boolean custom = Manifests.CUSTOM_KINDS.containsKey(m.resource().getApiVersion());
            if (m.kind().equals("Namespace") || custom) {
                continue;
            }
            if (!NAMESPACE.equals(m.namespace())) {
                v.add(m.id() + ": must be in namespace " + NAMESPACE + ", is in " + m.namespace());
            }
            Map<String, String> labels = Optional.ofNullable(m.resource().getMetadata().getLabels()).orElse(Map.of());
            if (!"calroute".equals(labels.get("app.kubernetes.io/part-of"))) {
                v.add(m.id() + ": label app.kubernetes.io/part-of: calroute is missing");
            }
        }
        if (loaded.ofKind("Namespace").stream().noneMatch(m -> NAMESPACE.equals(m.name()))) {
            v.add("no Namespace " + NAMESPACE + " is declared");
        }
        Map<String, Manifest> seen = new LinkedHashMap<>();
        for (Manifest m : loaded.manifests()) {
            String key = m.kind() + "/" + m.namespace() + "/" + m.name();
            Manifest before = seen.put(key, m);
            if (before != null) {
                v.add(m.id() + ": declared twice (also " + before.source() + ")");
            }
        }
        return v;
    }

    /** Secrets are referenced, never shipped: a Secret with values in the repository is a leaked secret. */
    List<String> noSecretValues() {
        List<String> v = new ArrayList<>();
        for (Manifest m : loaded.ofKind("Secret")) {
            Secret s = m.as(Secret.class);
            if ((s.getData() != null && !s.getData().isEmpty()) || (s.getStringData() != null && !s.getStringData().isEmpty())) {
                v.add(m.id() + ": a Secret with data or stringData; reference Secrets created outside the repository");
            }
        }
        return v;
    }

    /** Containers of Deployments and Jobs: image, resources, security; Deployments also ports and probes. */
    List<String> workloads() {
        List<String> v = new ArrayList<>();
        for (Manifest m : loaded.ofKind("Deployment")) {
            Deployment d = m.as(Deployment.class);
            if (d.getSpec() == null || d.getSpec().getTemplate() == null || d.getSpec().getTemplate().getSpec() == null) {
                v.add(m.id() + ": spec.template.spec is required");
                continue;
            }
            LabelSelector selector = d.getSpec().getSelector();
            Map<String, String> labels = templateLabels(d.getSpec().getTemplate());
            if (selector == null || isEmpty(selector)) {
                v.add(m.id() + ": spec.selector is required and must not be empty");
            } else if (!matches(selector, labels)) {
                v.add(m.id() + ": spec.selector " + describe(selector) + " does not match the template labels " + labels);
            }
            if (!m.name().equals(labels.get(NAME_LABEL))) {
                v.add(m.id() + ": the pod template needs label " + NAME_LABEL + ": " + m.name());
            }
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            v.addAll(pod(m, pod));
            for (Container c : pod.getContainers()) {
                String where = m.id() + " container " + c.getName();
                if (c.getPorts() == null || c.getPorts().isEmpty()) {
                    v.add(where + ": declares no containerPort");
                }
                v.addAll(probe(where, "livenessProbe", c.getLivenessProbe(), "/q/health/live", c, true));
                v.addAll(probe(where, "readinessProbe", c.getReadinessProbe(), "/q/health/ready", c, true));
                v.addAll(probe(where, "startupProbe", c.getStartupProbe(), "/q/health/started", c, false));
                v.addAll(gracefulShutdown(where, pod, c, ServiceProperties.of(m.name())));
            }
        }
        for (Manifest m : loaded.ofKind("Job")) {
            Job j = m.as(Job.class);
            if (j.getSpec() == null || j.getSpec().getTemplate() == null || j.getSpec().getTemplate().getSpec() == null) {
                v.add(m.id() + ": spec.template.spec is required");
                continue;
            }
            PodSpec pod = j.getSpec().getTemplate().getSpec();
            if (!List.of("Never", "OnFailure").contains(pod.getRestartPolicy())) {
                v.add(m.id() + ": a Job's restartPolicy must be Never or OnFailure");
            }
            v.addAll(pod(m, pod));
        }
        return v;
    }

    private List<String> pod(Manifest m, PodSpec pod) {
        List<String> v = new ArrayList<>();
        if (pod.getContainers() == null || pod.getContainers().isEmpty()) {
            v.add(m.id() + ": has no containers");
            return v;
        }
        boolean podNonRoot = pod.getSecurityContext() != null && Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot());
        Set<String> volumes = new LinkedHashSet<>();
        for (Volume volume : Optional.ofNullable(pod.getVolumes()).orElse(List.of())) {
            volumes.add(volume.getName());
            if (volume.getConfigMap() != null && !Boolean.TRUE.equals(volume.getConfigMap().getOptional())
                    && configMap(volume.getConfigMap().getName()).isEmpty()) {
                v.add(m.id() + " volume " + volume.getName() + ": ConfigMap " + volume.getConfigMap().getName() + " is not in k8s/");
            }
        }
        for (Container c : pod.getContainers()) {
            String where = m.id() + " container " + c.getName();
            if (c.getName() == null || !DNS_LABEL.matcher(c.getName()).matches()) {
                v.add(where + ": name must be a DNS label");
            }
            v.addAll(image(where, c.getImage()));
            v.addAll(resources(where, c));
            boolean nonRoot = podNonRoot || (c.getSecurityContext() != null && Boolean.TRUE.equals(c.getSecurityContext().getRunAsNonRoot()));
            if (!nonRoot) {
                v.add(where + ": runAsNonRoot must be true (pod or container securityContext)");
            }
            if (c.getSecurityContext() == null || !Boolean.FALSE.equals(c.getSecurityContext().getAllowPrivilegeEscalation())) {
                v.add(where + ": securityContext.allowPrivilegeEscalation must be false");
            }
            for (var mount : Optional.ofNullable(c.getVolumeMounts()).orElse(List.of())) {
                if (!volumes.contains(mount.getName())) {
                    v.add(where + ": mounts volume " + mount.getName() + ", which the pod does not declare");
                }
            }
            Set<String> names = new LinkedHashSet<>();
            for (EnvVar e : Optional.ofNullable(c.getEnv()).orElse(List.of())) {
                if (e.getName() == null || !ENV_NAME.matcher(e.getName()).matches()) {
                    v.add(where + ": env name " + e.getName() + " is not an upper-case variable name");
                }
                if (!names.add(e.getName())) {
                    v.add(where + ": env " + e.getName() + " is set twice");
                }
                if (e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null) {
                    var ref = e.getValueFrom().getConfigMapKeyRef();
                    if (!Boolean.TRUE.equals(ref.getOptional()) && configMap(ref.getName())
                            .map(cm -> cm.getData() == null || !cm.getData().containsKey(ref.getKey())).orElse(true)) {
                        v.add(where + ": env " + e.getName() + " reads ConfigMap " + ref.getName() + " key " + ref.getKey()
                                + ", which k8s/ does not declare");
                    }
                }
            }
            for (EnvFromSource from : Optional.ofNullable(c.getEnvFrom()).orElse(List.of())) {
                if (from.getConfigMapRef() != null && !Boolean.TRUE.equals(from.getConfigMapRef().getOptional())
                        && configMap(from.getConfigMapRef().getName()).isEmpty()) {
                    v.add(where + ": envFrom ConfigMap " + from.getConfigMapRef().getName() + " is not in k8s/");
                }
                if (from.getConfigMapRef() != null) {
                    configMap(from.getConfigMapRef().getName()).map(ConfigMap::getData).orElse(Map.of()).keySet().stream()
                            .filter(k -> !ENV_NAME.matcher(k).matches())
                            .forEach(k -> v.add(where + ": envFrom ConfigMap " + from.getConfigMapRef().getName()
                                    + " has key " + k + ", which is not a variable name"));
                }
            }
        }
        return v;
    }

    private static List<String> image(String where, String image) {
        if (image == null || image.isBlank()) {
            return List.of(where + ": image is required");
        }
        if (image.contains("@sha256:")) {
            return List.of();
        }
        String last = image.substring(image.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        if (colon < 0) {
            return List.of(where + ": image " + image + " has no tag (it would mean :latest)");
        }
        if (last.substring(colon + 1).equals("latest")) {
            return List.of(where + ": image " + image + " uses the moving tag latest");
        }
        return List.of();
    }

    private static List<String> resources(String where, Container c) {
        List<String> v = new ArrayList<>();
        Map<String, Quantity> requests = c.getResources() == null ? null : c.getResources().getRequests();
        Map<String, Quantity> limits = c.getResources() == null ? null : c.getResources().getLimits();
        for (String resource : List.of("cpu", "memory")) {
            Quantity request = requests == null ? null : requests.get(resource);
            Quantity limit = limits == null ? null : limits.get(resource);
            if (request == null) {
                v.add(where + ": resources.requests." + resource + " is required");
            }
            if (limit == null) {
                v.add(where + ": resources.limits." + resource + " is required");
            }
            if (request != null && limit != null) {
                try {
                    if (request.getNumericalAmount().compareTo(limit.getNumericalAmount()) > 0) {
                        v.add(where + ": resources.requests." + resource + " " + request + " exceeds its limit " + limit);
                    }
                } catch (RuntimeException e) {
                    v.add(where + ": resources." + resource + " is not a quantity: " + e.getMessage());
                }
            }
        }
        return v;
    }

    private static List<String> probe(String where, String kind, Probe probe, String path, Container c, boolean required) {
        if (probe == null) {
            return required ? List.of(where + ": " + kind + " is required (on " + path + ")") : List.of();
        }
        HTTPGetAction get = probe.getHttpGet();
        if (get == null) {
            return List.of(where + ": " + kind + " must be an httpGet on " + path);
        }
        List<String> v = new ArrayList<>();
        if (!path.equals(get.getPath())) {
            v.add(where + ": " + kind + " path is " + get.getPath() + ", expected " + path);
        }
        if (containerPort(c, get.getPort()).isEmpty()) {
            v.add(where + ": " + kind + " port " + portText(get.getPort()) + " is not one of the container's ports");
        }
        return v;
    }

    /**
     * On SIGTERM the pod gets terminationGracePeriodSeconds in all: the preStop sleep, Quarkus' readiness-down delay
     * (quarkus.shutdown.delay, when the service enables it), then its graceful shutdown (quarkus.shutdown.timeout),
     * then closing consumers and flushing. If that does not fit with a margin, the kubelet kills the JVM mid-way.
     * Values come from the container's environment, else from the service's application.properties (prod profile).
     */
    private List<String> gracefulShutdown(String where, PodSpec pod, Container c, ServiceProperties properties) {
        Map<String, String> env = environment(c);
        Optional<String> timeout = Optional.ofNullable(env.get("QUARKUS_SHUTDOWN_TIMEOUT"))
                .or(() -> properties.prod("quarkus.shutdown.timeout"));
        if (timeout.isEmpty()) {
            return List.of(where + ": set QUARKUS_SHUTDOWN_TIMEOUT (or quarkus.shutdown.timeout in the service), "
                    + "so in-flight requests finish on SIGTERM");
        }
        boolean delayEnabled = properties.prod("quarkus.shutdown.delay-enabled").map(Boolean::parseBoolean).orElse(false);
        Optional<String> delay = delayEnabled
                ? Optional.ofNullable(env.get("QUARKUS_SHUTDOWN_DELAY")).or(() -> properties.prod("quarkus.shutdown.delay"))
                : Optional.empty();
        long shutdown;
        long delaySeconds;
        try {
            shutdown = parseDuration(timeout.get()).toSeconds();
            delaySeconds = delay.map(d -> parseDuration(d).toSeconds()).orElse(0L);
        } catch (RuntimeException e) {
            return List.of(where + ": shutdown timeout " + timeout.get() + " or delay " + delay.orElse("-") + " is not a duration");
        }
        long preStop = preStopSeconds(c);
        long grace = Optional.ofNullable(pod.getTerminationGracePeriodSeconds()).orElse(30L);
        long needed = preStop + delaySeconds + shutdown + SHUTDOWN_MARGIN_SECONDS;
        if (grace < needed) {
            return List.of(where + ": terminationGracePeriodSeconds " + grace + " is less than the preStop sleep (" + preStop
                    + " s) + shutdown delay (" + delaySeconds + " s) + shutdown timeout (" + shutdown + " s) + "
                    + SHUTDOWN_MARGIN_SECONDS + " s to close consumers and flush");
        }
        return List.of();
    }

    private static long preStopSeconds(Container c) {
        LifecycleHandler preStop = c.getLifecycle() == null ? null : c.getLifecycle().getPreStop();
        if (preStop == null) {
            return 0;
        }
        if (preStop.getSleep() != null && preStop.getSleep().getSeconds() != null) {
            return preStop.getSleep().getSeconds();
        }
        if (preStop.getExec() != null && preStop.getExec().getCommand() != null) {
            List<String> command = preStop.getExec().getCommand();
            if (command.size() == 2 && command.get(0).endsWith("sleep")) {
                return Long.parseLong(command.get(1));
            }
        }
        return 0;
    }

    static Duration parseDuration(String text) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)?").matcher(text.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (Objects.requireNonNullElse(m.group(2), "s")) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        }
        return Duration.parse(text.trim());
    }

    /** Services select the pods of exactly one Deployment, on ports it opens. */
    List<String> services() {
        List<String> v = new ArrayList<>();
        for (Manifest m : loaded.ofKind("Service")) {
            Service s = m.as(Service.class);
            Map<String, String> selector = s.getSpec() == null ? null : s.getSpec().getSelector();
            if (selector == null || selector.isEmpty()) {
                v.add(m.id() + ": spec.selector is required");
                continue;
            }
            List<Deployment> targets = deployments().stream()
                    .filter(d -> templateLabels(d.getSpec().getTemplate()).entrySet().containsAll(selector.entrySet()))
                    .toList();
            if (targets.size() != 1) {
                v.add(m.id() + ": selector " + selector + " matches " + targets.size() + " Deployments, expected 1");
                continue;
            }
            Deployment target = targets.get(0);
            for (ServicePort port : Optional.ofNullable(s.getSpec().getPorts()).orElse(List.of())) {
                IntOrString targetPort = port.getTargetPort() != null ? port.getTargetPort() : new IntOrString(port.getPort());
                boolean found = target.getSpec().getTemplate().getSpec().getContainers().stream()
                        .anyMatch(c -> containerPort(c, targetPort).isPresent());
                if (!found) {
                    v.add(m.id() + ": targetPort " + portText(targetPort) + " is not a port of Deployment/"
                            + target.getMetadata().getName());
                }
            }
            if (s.getSpec().getPorts() == null || s.getSpec().getPorts().isEmpty()) {
                v.add(m.id() + ": declares no ports");
            }
        }
        for (Deployment d : deployments()) {
            boolean exposed = loaded.ofType(Service.class).stream().anyMatch(s -> s.getSpec().getSelector() != null
                    && templateLabels(d.getSpec().getTemplate()).entrySet().containsAll(s.getSpec().getSelector().entrySet()));
            if (!exposed) {
                v.add("Deployment/" + d.getMetadata().getName() + ": no Service selects it");
            }
        }
        return v;
    }

    /** Every Deployment has a budget and an autoscaler, and they fit together. */
    List<String> availability() {
        List<String> v = new ArrayList<>();
        Map<String, Integer> minReplicas = new LinkedHashMap<>();
        for (Manifest m : loaded.ofKind("HorizontalPodAutoscaler")) {
            HorizontalPodAutoscaler h = m.as(HorizontalPodAutoscaler.class);
            var ref = h.getSpec() == null ? null : h.getSpec().getScaleTargetRef();
            if (ref == null || !"apps/v1".equals(ref.getApiVersion()) || !"Deployment".equals(ref.getKind())) {
                v.add(m.id() + ": scaleTargetRef must name an apps/v1 Deployment");
                continue;
            }
            Optional<Deployment> target = deployment(ref.getName());
            if (target.isEmpty()) {
                v.add(m.id() + ": scales Deployment/" + ref.getName() + ", which k8s/ does not declare");
                continue;
            }
            int min = Optional.ofNullable(h.getSpec().getMinReplicas()).orElse(1);
            Integer max = h.getSpec().getMaxReplicas();
            if (max == null || max < min) {
                v.add(m.id() + ": maxReplicas must be set and at least minReplicas (" + min + ")");
            }
            if (h.getSpec().getMetrics() == null || h.getSpec().getMetrics().isEmpty()) {
                v.add(m.id() + ": has no metrics to scale on");
            }
            if (target.get().getSpec().getReplicas() != null) {
                v.add("Deployment/" + ref.getName() + ": sets spec.replicas although " + m.id()
                        + " owns the count (every apply would reset it)");
            }
            if (ref.getName().equals(SYNC) && max != null) {
                String partitions = configMap(PLATFORM_CONFIG).map(ConfigMap::getData)
                        .map(d -> d.get("CALROUTE_KAFKA_PARTITIONS")).orElse(null);
                if (partitions == null || max > Integer.parseInt(partitions)) {
                    v.add(m.id() + ": maxReplicas " + max + " exceeds CALROUTE_KAFKA_PARTITIONS (" + partitions
                            + "): a sync replica without a partition of calroute.users.v1 syncs nothing");
                }
            }
            minReplicas.put(ref.getName(), min);
        }
        Map<String, Manifest> budgets = new LinkedHashMap<>();
        for (Manifest m : loaded.ofKind("PodDisruptionBudget")) {
            PodDisruptionBudget b = m.as(PodDisruptionBudget.class);
            LabelSelector selector = b.getSpec() == null ? null : b.getSpec().getSelector();
            List<Deployment> targets = selector == null ? List.of() : deployments().stream()
                    .filter(d -> matches(selector, templateLabels(d.getSpec().getTemplate()))).toList();
            if (targets.size() != 1) {
                v.add(m.id() + ": selector matches " + targets.size() + " Deployments, expected 1");
                continue;
            }
            String name = targets.get(0).getMetadata().getName();
            budgets.put(name, m);
            IntOrString minAvailable = b.getSpec().getMinAvailable();
            if (minAvailable == null || minAvailable.getIntVal() == null) {
                v.add(m.id() + ": minAvailable must be a number of pods");
                continue;
            }
            Integer min = minReplicas.get(name);
            if (min != null && minAvailable.getIntVal() >= min) {
                v.add(m.id() + ": minAvailable " + minAvailable.getIntVal() + " with minReplicas " + min
                        + " forbids every voluntary eviction, so no node could be drained");
            }
        }
        for (Deployment d : deployments()) {
            String name = d.getMetadata().getName();
            if (!budgets.containsKey(name)) {
                v.add("Deployment/" + name + ": no PodDisruptionBudget selects it");
            }
            if (!minReplicas.containsKey(name)) {
                v.add("Deployment/" + name + ": no HorizontalPodAutoscaler scales it");
            }
        }
        return v;
    }

    /**
     * Network policies: a namespace-wide default deny; every workload has its own policy; ingress only from named
     * pods (never from everywhere); the public APIs only from the API gateway; internal calls only between the
     * pairs the suite uses.
     */
    List<String> networkPolicies(Set<List<String>> allowedInternalCalls) {
        List<String> v = new ArrayList<>();
        List<NetworkPolicy> policies = loaded.ofType(NetworkPolicy.class);
        boolean defaultDeny = policies.stream().anyMatch(p -> isEmpty(p.getSpec().getPodSelector())
                && p.getSpec().getPolicyTypes() != null && p.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
                && (p.getSpec().getIngress() == null || p.getSpec().getIngress().isEmpty())
                && (p.getSpec().getEgress() == null || p.getSpec().getEgress().isEmpty()));
        if (!defaultDeny) {
            v.add("no default-deny NetworkPolicy (empty podSelector, Ingress and Egress, no rules)");
        }
        for (Manifest m : loaded.ofKind("NetworkPolicy")) {
            NetworkPolicy p = m.as(NetworkPolicy.class);
            LabelSelector selector = p.getSpec() == null ? null : p.getSpec().getPodSelector();
            if (selector == null) {
                v.add(m.id() + ": spec.podSelector is required ({} for every pod)");
                continue;
            }
            List<PodTemplateSpec> selected = templates().values().stream()
                    .filter(t -> matches(selector, templateLabels(t))).toList();
            if (!isEmpty(selector) && selected.isEmpty()) {
                v.add(m.id() + ": podSelector " + describe(selector) + " selects no workload in k8s/");
            }
            List<String> types = Optional.ofNullable(p.getSpec().getPolicyTypes()).orElse(List.of());
            if (p.getSpec().getIngress() != null && !p.getSpec().getIngress().isEmpty() && !types.contains("Ingress")) {
                v.add(m.id() + ": has ingress rules but policyTypes lacks Ingress");
            }
            if (p.getSpec().getEgress() != null && !p.getSpec().getEgress().isEmpty() && !types.contains("Egress")) {
                v.add(m.id() + ": has egress rules but policyTypes lacks Egress");
            }
            for (NetworkPolicyIngressRule rule : Optional.ofNullable(p.getSpec().getIngress()).orElse(List.of())) {
                if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
                    v.add(m.id() + ": an ingress rule without `from` admits every source");
                    continue;
                }
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    if (peer.getIpBlock() != null || peer.getPodSelector() == null || isEmpty(peer.getPodSelector())) {
                        v.add(m.id() + ": ingress peers must name pods (podSelector with labels), not address ranges or "
                                + "whole namespaces");
                        continue;
                    }
                    if (peer.getNamespaceSelector() == null) {
                        List<String> callers = templates().entrySet().stream()
                                .filter(e -> matches(peer.getPodSelector(), templateLabels(e.getValue())))
                                .map(Map.Entry::getKey).toList();
                        if (callers.isEmpty()) {
                            v.add(m.id() + ": ingress from " + describe(peer.getPodSelector()) + ", which selects no workload");
                        }
                        for (PodTemplateSpec target : selected) {
                            String callee = templateLabels(target).get(NAME_LABEL);
                            for (String caller : callers) {
                                if (!allowedInternalCalls.contains(List.of(caller, callee))) {
                                    v.add(m.id() + ": lets " + caller + " call " + callee + ", which is not an internal call "
                                            + "of the suite " + allowedInternalCalls);
                                }
                            }
                        }
                    }
                }
                for (NetworkPolicyPort port : Optional.ofNullable(rule.getPorts()).orElse(List.of())) {
                    boolean opened = selected.stream().flatMap(t -> t.getSpec().getContainers().stream())
                            .anyMatch(c -> containerPort(c, port.getPort()).isPresent());
                    if (!opened) {
                        v.add(m.id() + ": admits port " + portText(port.getPort()) + ", which no selected container opens");
                    }
                }
            }
        }
        for (Deployment d : deployments()) {
            Map<String, String> labels = templateLabels(d.getSpec().getTemplate());
            List<NetworkPolicy> own = policies.stream()
                    .filter(p -> !isEmpty(p.getSpec().getPodSelector()) && matches(p.getSpec().getPodSelector(), labels))
                    .toList();
            boolean fromGateway = own.stream().flatMap(p -> Optional.ofNullable(p.getSpec().getIngress()).orElse(List.of()).stream())
                    .flatMap(r -> Optional.ofNullable(r.getFrom()).orElse(List.of()).stream())
                    .anyMatch(ManifestRules::isGateway);
            if (!fromGateway) {
                v.add("Deployment/" + d.getMetadata().getName() + ": no NetworkPolicy admits the API gateway "
                        + "(namespaceSelector and podSelector " + NAME_LABEL + ": " + GATEWAY + ")");
            }
            if (own.stream().noneMatch(p -> p.getSpec().getPolicyTypes() != null && p.getSpec().getPolicyTypes().contains("Egress"))) {
                v.add("Deployment/" + d.getMetadata().getName() + ": no NetworkPolicy of its own states its egress");
            }
        }
        return v;
    }

    private static boolean isGateway(NetworkPolicyPeer peer) {
        return peer.getNamespaceSelector() != null && !isEmpty(peer.getNamespaceSelector())
                && peer.getPodSelector() != null && peer.getPodSelector().getMatchLabels() != null
                && GATEWAY.equals(peer.getPodSelector().getMatchLabels().get(NAME_LABEL));
    }

    // ---- what the other tests ask about the manifests ----

    List<Deployment> deployments() {
        return loaded.ofType(Deployment.class);
    }

    Optional<Deployment> deployment(String name) {
        return deployments().stream().filter(d -> name.equals(d.getMetadata().getName())).findFirst();
    }

    Optional<ConfigMap> configMap(String name) {
        return loaded.ofType(ConfigMap.class).stream().filter(c -> name.equals(c.getMetadata().getName())).findFirst();
    }

    /** Pod templates by workload name (Deployments and Jobs). */
    Map<String, PodTemplateSpec> templates() {
        Map<String, PodTemplateSpec> templates = new LinkedHashMap<>();
        deployments().forEach(d -> templates.put(d.getMetadata().getName(), d.getSpec().getTemplate()));
        loaded.ofType(Job.class).forEach(j -> templates.put(j.getMetadata().getName(), j.getSpec().getTemplate()));
        return templates;
    }

    /** A container's environment as the kubelet builds it: envFrom ConfigMaps, then env (values or "<ref>"). */
    Map<String, String> environment(Container c) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : Optional.ofNullable(c.getEnvFrom()).orElse(List.of())) {
            if (from.getConfigMapRef() != null) {
                String prefix = Objects.requireNonNullElse(from.getPrefix(), "");
                configMap(from.getConfigMapRef().getName()).map(ConfigMap::getData).orElse(Map.of())
                        .forEach((k, value) -> env.put(prefix + k, value));
            }
        }
        for (EnvVar e : Optional.ofNullable(c.getEnv()).orElse(List.of())) {
            if (e.getValue() != null) {
                env.put(e.getName(), e.getValue());
            } else if (e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null) {
                var ref = e.getValueFrom().getConfigMapKeyRef();
                env.put(e.getName(), configMap(ref.getName()).map(ConfigMap::getData).map(d -> d.get(ref.getKey()))
                        .orElse("<configMap " + ref.getName() + "/" + ref.getKey() + ">"));
            } else {
                env.put(e.getName(), "<" + e.getName() + " from a reference>");
            }
        }
        return env;
    }

    /** Every (Secret name, key) a workload reads, and the Secret volumes, as "name/key" or "name/*". */
    Map<String, String> secretReferences() {
        Map<String, String> refs = new LinkedHashMap<>();
        templates().forEach((workload, template) -> {
            PodSpec pod = template.getSpec();
            for (Container c : pod.getContainers()) {
                for (EnvVar e : Optional.ofNullable(c.getEnv()).orElse(List.of())) {
                    if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                        var ref = e.getValueFrom().getSecretKeyRef();
                        refs.put(ref.getName() + "/" + ref.getKey(), workload);
                    }
                }
                for (EnvFromSource from : Optional.ofNullable(c.getEnvFrom()).orElse(List.of())) {
                    if (from.getSecretRef() != null) {
                        refs.put(from.getSecretRef().getName() + "/*", workload);
                    }
                }
            }
            for (Volume volume : Optional.ofNullable(pod.getVolumes()).orElse(List.of())) {
                if (volume.getSecret() != null) {
                    refs.put(volume.getSecret().getSecretName() + "/*", workload);
                }
            }
        });
        return refs;
    }

    static Map<String, String> templateLabels(PodTemplateSpec template) {
        return template == null || template.getMetadata() == null || template.getMetadata().getLabels() == null
                ? Map.of() : template.getMetadata().getLabels();
    }

    static Optional<ContainerPort> containerPort(Container c, IntOrString port) {
        if (port == null || c.getPorts() == null) {
            return Optional.empty();
        }
        return c.getPorts().stream().filter(p -> port.getIntVal() != null
                ? port.getIntVal().equals(p.getContainerPort())
                : Objects.equals(port.getStrVal(), p.getName())).findFirst();
    }

    private static String portText(IntOrString port) {
        return port == null ? "(none)" : port.getIntVal() != null ? port.getIntVal().toString() : port.getStrVal();
    }

    static boolean isEmpty(LabelSelector selector) {
        return selector == null || ((selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty()));
    }

    /** Kubernetes label-selector semantics: every matchLabels entry and every expression must hold. */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchLabels() != null && !labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
            return false;
        }
        for (LabelSelectorRequirement r : Optional.ofNullable(selector.getMatchExpressions()).orElse(List.of())) {
            String value = labels.get(r.getKey());
            Collection<String> values = Optional.ofNullable(r.getValues()).orElse(List.of());
            boolean holds = switch (r.getOperator()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    private static String describe(LabelSelector selector) {
        return "{matchLabels=" + selector.getMatchLabels() + ", matchExpressions=" + Optional.ofNullable(selector.getMatchExpressions())
                .orElse(List.of()).stream().map(r -> r.getKey() + " " + r.getOperator() + " " + r.getValues()).toList() + "}";
    }
}
