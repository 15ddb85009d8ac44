package io.nubo.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml and every manifest under k8s/ against what the build produces: the images are the ones the
 * {@code images} profile builds, ports are each service's {@code server.port}, every environment variable names a
 * property the service reads, probes and health checks point at the actuator groups each service exposes, and
 * every Secret, ConfigMap and claim a pod refers to exists. No Docker or Kubernetes needed: the manifests are read
 * into fabric8's Kubernetes model, the compose file with SnakeYAML.
 */
class DeploymentManifestsTest {

    /** A deployable role: its config file (spring.config.name), its packages and its port (0: none). */
    record Role(String name, String configName, String basePackage) {
    }

    static final Map<String, Role> ROLES = Stream.of(
            new Role("identity", "identity-service", "io.nubo.identity"),
            new Role("image", "image-service", "io.nubo.image"),
            new Role("object-store", "object-store-service", "io.nubo.objectstore"),
            new Role("volume", "block-storage-service", "io.nubo.blockstorage"),
            new Role("network", "network-service", "io.nubo.network"),
            new Role("compute", "compute-service", "io.nubo.compute"),
            new Role("rating", "metering-service", "io.nubo.metering"),
            new Role(NuboService.AGENT, "compute-agent", "io.nubo.computeagent"),
            new Role(NuboService.GATEWAY, "gateway", "io.nubo.gateway"))
            .collect(LinkedHashMap::new, (m, r) -> m.put(r.name(), r), Map::putAll);

    /** Read by the JVM or by Spring Boot itself rather than bound to a property. */
    static final Set<String> PROCESS_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "SPRING_APPLICATION_JSON");
    static final Set<String> HEALTH_PATHS = Set.of("/healthcheck", "/healthcheck/liveness", "/healthcheck/readiness");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of("Deployment", Deployment.class,
            "DaemonSet", DaemonSet.class, "Service", Service.class, "HorizontalPodAutoscaler",
            HorizontalPodAutoscaler.class, "PodDisruptionBudget", PodDisruptionBudget.class, "Ingress", Ingress.class,
            "ConfigMap", ConfigMap.class, "Secret", Secret.class, "PersistentVolumeClaim",
            PersistentVolumeClaim.class);

    static Path root;
    static List<HasMetadata> base;
    static Set<String> images;
    static Set<String> bootProperties;

    @BeforeAll
    static void load() throws Exception {
        root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("k8s"))) {
            root = root.getParent();
        }
        base = new ArrayList<>();
        JsonNode kustomization = YAML.readTree(root.resolve("k8s/base/kustomization.yaml").toFile());
        for (JsonNode file : kustomization.get("resources")) {
            base.addAll(read(root.resolve("k8s/base").resolve(file.asText())));
        }
        images = builtImages();
        bootProperties = bootMetadata();
    }

    static List<HasMetadata> read(Path file) throws IOException {
        List<HasMetadata> out = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
                Class<? extends HasMetadata> type = KINDS.get(doc.path("kind").asText());
                assertThat(type).as("%s: a kind this test knows (%s)", file, doc.path("kind")).isNotNull();
                out.add(YAML.treeToValue(doc, type));
            }
        }
        return out;
    }

    /** The images the all-in-one's {@code images} profile builds, tagged with this version. */
    static Set<String> builtImages() throws Exception {
        var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(root.resolve("all-in-one/pom.xml")
                .toFile());
        String version = ((Element) pom.getElementsByTagName("parent").item(0)).getElementsByTagName("version")
                .item(0).getTextContent();
        String registry = pom.getElementsByTagName("nubo.image.registry").item(0).getTextContent();
        Set<String> out = new TreeSet<>();
        NodeList to = pom.getElementsByTagName("to");
        for (int i = 0; i < to.getLength(); i++) {
            out.add(((Element) to.item(i)).getElementsByTagName("image").item(0).getTextContent()
                    .replace("${nubo.image.registry}", registry).replace("${project.version}", version));
        }
        return out;
    }

    static Set<String> bootMetadata() throws IOException {
        Set<String> names = new HashSet<>();
        for (Resource r : new PathMatchingResourcePatternResolver()
                .getResources("classpath*:META-INF/spring-configuration-metadata.json")) {
            try (InputStream in = r.getInputStream()) {
                for (JsonNode p : JsonMapper.builder().build().readTree(in).path("properties")) {
                    names.add(p.get("name").asText());
                }
            }
        }
        return names;
    }

    /** A role's own configuration file merged over the shared service defaults, flattened. */
    static Map<String, Object> config(Role role) {
        Map<String, Object> flat = new HashMap<>();
        if (!role.name().equals(NuboService.GATEWAY) && !role.name().equals(NuboService.AGENT)) {
            Properties defaults = new Properties();
            try (InputStream in = new ClassPathResource("nubo-service-defaults.properties").getInputStream()) {
                defaults.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            defaults.forEach((k, v) -> flat.put((String) k, v));
        }
        try (InputStream in = new ClassPathResource(role.configName() + ".yml").getInputStream()) {
            flatten("", new Yaml().load(in), flat);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return flat;
    }

    @SuppressWarnings("unchecked")
    static void flatten(String prefix, Object value, Map<String, Object> out) {
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> flatten(prefix.isEmpty() ? k.toString() : prefix + "." + k, v, out));
        } else {
            out.put(prefix, value);
        }
    }

    static int port(Role role) {
        return Integer.parseInt(String.valueOf(config(role).get("server.port")));
    }

    /** Spring Boot's environment-variable form of a property name. */
    static String envName(String property) {
        return property.replaceAll("\\[(\\d+)]", "_$1").replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** Every variable name the role binds: its config's keys and placeholders, its and the shared properties. */
    static Set<String> readVariables(Role role) {
        Set<String> properties = new HashSet<>(bootProperties);
        Map<String, Object> config = config(role);
        properties.addAll(config.keySet());
        Matcher placeholders = Pattern.compile("\\$\\{([a-z0-9.\\-]+)[:}]").matcher(config.values().toString());
        while (placeholders.find()) {
            properties.add(placeholders.group(1));
        }
        Set<String> maps = new HashSet<>();
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
        scan.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<BeanDefinition> candidates = new ArrayList<>(scan.findCandidateComponents(role.basePackage()));
        if (!role.name().equals(NuboService.GATEWAY)) {
            candidates.addAll(scan.findCandidateComponents("io.nubo.shared"));
        }
        for (BeanDefinition bd : candidates) {
            try {
                Class<?> type = Class.forName(bd.getBeanClassName());
                String prefix = type.getAnnotation(ConfigurationProperties.class).value();
                recordProperties(prefix, type, properties, maps);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        Set<String> names = new HashSet<>(PROCESS_VARIABLES);
        properties.forEach(p -> names.add(envName(p)));
        maps.forEach(p -> names.add(envName(p) + "_*"));
        return names;
    }

    static void recordProperties(String prefix, Class<?> type, Set<String> out, Set<String> maps) {
        if (!type.isRecord()) {
            out.add(prefix);
            return;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            String name = prefix + "." + c.getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
            Type generic = c.getGenericType();
            if (Map.class.isAssignableFrom(c.getType())) {
                maps.add(name);
            } else if (c.getType().isRecord() && c.getType().getName().startsWith("io.nubo")) {
                recordProperties(name, c.getType(), out, maps);
            } else if (generic instanceof ParameterizedType) {
                out.add(name);
            } else {
                out.add(name);
            }
        }
    }

    static boolean reads(Set<String> variables, String env) {
        return variables.contains(env) || variables.stream().filter(v -> v.endsWith("_*"))
                .anyMatch(v -> env.startsWith(v.substring(0, v.length() - 1)));
    }

    static Role roleOf(String image) {
        String name = image.substring(image.indexOf('/') + 1, image.indexOf(':'));
        return ROLES.values().stream().filter(r -> r.configName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no role builds " + image));
    }

    static <T extends HasMetadata> List<T> all(Class<T> type) {
        return base.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static Set<String> names(Class<? extends HasMetadata> type) {
        return new HashSet<>(all(type).stream().map(r -> r.getMetadata().getName()).toList());
    }

    static List<PodSpec> pods() {
        List<PodSpec> pods = new ArrayList<>();
        all(Deployment.class).forEach(d -> pods.add(d.getSpec().getTemplate().getSpec()));
        all(DaemonSet.class).forEach(d -> pods.add(d.getSpec().getTemplate().getSpec()));
        return pods;
    }

    @Test
    void kubernetesContainersRunTheBuiltImagesOnTheirServicesPortsWithVariablesTheyRead() {
        assertThat(images).hasSize(ROLES.size());
        Set<String> deployed = new HashSet<>();
        for (PodSpec pod : pods()) {
            for (Container c : pod.getContainers()) {
                assertThat(images).as("image of %s", c.getName()).contains(c.getImage());
                deployed.add(c.getImage());
                Role role = roleOf(c.getImage());
                assertThat(c.getName()).isEqualTo(role.name());
                if (!role.name().equals(NuboService.AGENT)) {
                    assertThat(c.getPorts()).as("%s ports", role.name()).singleElement()
                            .satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(port(role)));
                }
                Set<String> variables = readVariables(role);
                for (EnvVar e : c.getEnv()) {
                    assertThat(reads(variables, e.getName())).as("%s reads %s", role.name(), e.getName()).isTrue();
                }
            }
        }
        assertThat(deployed).as("every image the build makes is deployed").isEqualTo(images);
        for (Service s : all(Service.class)) {
            Role role = ROLES.get(s.getMetadata().getName());
            assertThat(role).as("service %s", s.getMetadata().getName()).isNotNull();
            assertThat(s.getSpec().getPorts()).singleElement()
                    .satisfies(p -> assertThat(p.getPort()).isEqualTo(port(role)));
        }
    }

    @Test
    void probesPointAtTheHealthGroupsEachServiceExposes() {
        for (Deployment d : all(Deployment.class)) {
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            Role role = roleOf(c.getImage());
            Map<String, Object> config = config(role);
            assertThat(config).as("%s serves health at /healthcheck with probe groups", role.name())
                    .containsEntry("management.endpoints.web.base-path", "/")
                    .containsEntry("management.endpoints.web.path-mapping.health", "healthcheck");
            assertThat(String.valueOf(config.get("management.endpoint.health.probes.enabled"))).isEqualTo("true");
            for (Probe p : new Probe[] {c.getStartupProbe(), c.getReadinessProbe(), c.getLivenessProbe()}) {
                assertThat(p).as("%s has startup, readiness and liveness probes", role.name()).isNotNull();
                HTTPGetAction get = p.getHttpGet();
                assertThat(HEALTH_PATHS).contains(get.getPath());
                assertThat(c.getPorts()).anyMatch(port -> Objects.equals(port.getName(), get.getPort().getStrVal()));
            }
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/healthcheck/readiness");
            assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(d.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(names(HorizontalPodAutoscaler.class)).contains(d.getMetadata().getName());
            assertThat(names(PodDisruptionBudget.class)).contains(d.getMetadata().getName());
        }
        Ingress ingress = all(Ingress.class).get(0);
        assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService()
                .getName()).isEqualTo(NuboService.GATEWAY);
        DaemonSet agent = all(DaemonSet.class).get(0);
        assertThat(agent.getSpec().getTemplate().getSpec().getNodeSelector()).containsKey("nubo.io/kvm-host");
        assertThat(agent.getSpec().getTemplate().getSpec().getVolumes()).map(Volume::getHostPath)
                .filteredOn(Objects::nonNull).anyMatch(h -> h.getPath().equals("/var/run/libvirt/libvirt-sock"));
    }

    @Test
    void everySecretConfigMapAndClaimAPodRefersToExists() {
        Map<String, Set<String>> secrets = new HashMap<>();
        all(Secret.class).forEach(s -> secrets.put(s.getMetadata().getName(), s.getStringData().keySet()));
        Map<String, Set<String>> configMaps = new HashMap<>();
        all(ConfigMap.class).forEach(m -> configMaps.put(m.getMetadata().getName(), m.getData().keySet()));
        for (PodSpec pod : pods()) {
            for (Container c : pod.getContainers()) {
                for (EnvVar e : c.getEnv()) {
                    if (e.getValueFrom() == null) {
                        continue;
                    }
                    var s = e.getValueFrom().getSecretKeyRef();
                    if (s != null) {
                        assertThat(secrets).as("Secret %s", s.getName()).containsKey(s.getName());
                        assertThat(secrets.get(s.getName())).as("key %s of %s", s.getKey(), s.getName())
                                .contains(s.getKey());
                    }
                    var m = e.getValueFrom().getConfigMapKeyRef();
                    if (m != null) {
                        assertThat(configMaps).as("ConfigMap %s", m.getName()).containsKey(m.getName());
                        assertThat(configMaps.get(m.getName())).as("key %s of %s", m.getKey(), m.getName())
                                .contains(m.getKey());
                    }
                }
            }
            for (Volume v : pod.getVolumes()) {
                if (v.getPersistentVolumeClaim() != null) {
                    assertThat(names(PersistentVolumeClaim.class)).contains(v.getPersistentVolumeClaim()
                            .getClaimName());
                }
            }
        }
    }

    @Test
    void overlaysBuildOnTheBaseAndPatchWhatItHas() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("k8s/base"))) {
            Set<String> listed = new HashSet<>();
            YAML.readTree(root.resolve("k8s/base/kustomization.yaml").toFile()).get("resources")
                    .forEach(r -> listed.add(r.asText()));
            assertThat(files.map(f -> f.getFileName().toString()).filter(f -> !f.equals("kustomization.yaml")))
                    .as("every base file is a resource").containsExactlyInAnyOrderElementsOf(listed);
        }
        for (String overlay : List.of("dev", "production")) {
            JsonNode k = YAML.readTree(root.resolve("k8s/overlays").resolve(overlay).resolve("kustomization.yaml")
                    .toFile());
            assertThat(k.get("resources").get(0).asText()).isEqualTo("../../base");
            for (JsonNode image : k.path("images")) {
                assertThat(images).anyMatch(i -> i.startsWith(image.get("name").asText() + ":"));
            }
            for (JsonNode patch : k.path("patches")) {
                String kind = patch.get("target").get("kind").asText();
                assertThat(KINDS).containsKey(kind);
                String name = patch.get("target").path("name").asText(".*");
                assertThat(all(KINDS.get(kind))).as("%s patches some %s", overlay, kind)
                        .anyMatch(r -> r.getMetadata().getName().matches(name));
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsTheBuiltImagesWithVariablesTheyReadAndRealHealthChecks() throws IOException {
        Map<String, Object> compose;
        try (InputStream in = Files.newInputStream(root.resolve("docker-compose.yml"))) {
            compose = new Yaml().load(in);
        }
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat(services).containsKeys("postgres", "kafka");
        Set<String> used = new HashSet<>();
        for (var e : services.entrySet()) {
            String image = (String) e.getValue().get("image");
            if (!image.startsWith("nubo/")) {
                continue;
            }
            assertThat(images).contains(image);
            used.add(image);
            Role role = roleOf(image);
            assertThat(e.getKey()).isEqualTo(role.name());
            Set<String> variables = readVariables(role);
            Map<String, Object> env = (Map<String, Object>) e.getValue().get("environment");
            for (String name : env.keySet()) {
                if (!name.equals("<<")) {
                    assertThat(reads(variables, name)).as("%s reads %s", role.name(), name).isTrue();
                }
            }
            if (!role.name().equals(NuboService.AGENT)) {
                List<String> test = (List<String>) ((Map<String, Object>) e.getValue().get("healthcheck")).get("test");
                String url = test.get(test.size() - 1);
                assertThat(url).isEqualTo("http://localhost:" + port(role) + "/healthcheck/readiness");
                assertThat(test).contains(HealthProbe.class.getName());
            }
            if (env.containsKey("SPRING_APPLICATION_JSON")) {
                JsonNode routes = JsonMapper.builder().build().readTree((String) env.get("SPRING_APPLICATION_JSON"))
                        .at("/nubo/gateway/routes");
                routes.properties().forEach(r -> assertThat(r.getValue().asText())
                        .isEqualTo("http://" + r.getKey() + ":" + port(ROLES.get(r.getKey()))));
                assertThat(routes.size()).isEqualTo(ServiceModule.values().length);
            }
        }
        Map<String, Object> anchors = (Map<String, Object>) compose.get("x-env");
        for (String name : anchors.keySet()) {
            assertThat(reads(readVariables(ROLES.get("image")), name)).as("services read %s", name).isTrue();
        }
        assertThat(used).isEqualTo(images);
    }
}
