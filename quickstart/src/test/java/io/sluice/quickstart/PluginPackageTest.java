package io.sluice.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Confluent Hub archive, as unpacked into {@code target/plugin} for the quickstart: the component layout, the
 * manifest, the jars a worker needs (and none it provides itself), and the service-loader manifests that let
 * {@code plugin.discovery=service_load} find every plugin class.
 */
class PluginPackageTest {

    private static final String VERSION = System.getProperty("sluice.version", "0.1.0-SNAPSHOT");
    private static final Path COMPONENT = Path.of("target", "plugin", "sluice-kinesis-connect-" + VERSION);

    @Test
    void archiveHasTheConfluentHubComponentLayout() throws IOException {
        assertThat(COMPONENT.resolve("manifest.json")).isRegularFile();
        assertThat(COMPONENT.resolve("lib")).isDirectory();
        assertThat(names(COMPONENT.resolve("doc")))
                .contains("source-connector.md", "sink-connector.md", "pump.md", "connection.md");
        assertThat(names(COMPONENT.resolve("etc")))
                .contains("anderson-source.properties", "anderson-source.json", "anderson-sink.properties",
                        "anderson-sink.json", "anderson-filter.sql");
    }

    @Test
    void manifestNamesTheComponentItsVersionAndItsPluginTypes() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(COMPONENT.resolve("manifest.json").toFile());

        assertThat(manifest.path("name").asText()).isEqualTo("sluice-kinesis-connect");
        assertThat(manifest.path("version").asText()).isEqualTo(VERSION);
        assertThat(manifest.path("component_types").toString()).isEqualTo("[\"source\",\"sink\",\"transform\"]");
        assertThat(manifest.path("owner").path("username").asText()).isEqualTo("sluice");
    }

    @Test
    void libHoldsTheSluiceJarsAndTheirDependenciesButNotWhatTheWorkerProvides() throws IOException {
        List<String> jars = names(COMPONENT.resolve("lib"));

        assertThat(jars).contains("sluice-source-connector-" + VERSION + ".jar",
                "sluice-sink-connector-" + VERSION + ".jar", "sluice-pump-" + VERSION + ".jar",
                "sluice-connect-common-" + VERSION + ".jar");
        assertThat(jars).anyMatch(j -> j.startsWith("kinesis-2."))
                .anyMatch(j -> j.startsWith("jackson-databind-"));
        assertThat(jars).noneMatch(j -> j.startsWith("kafka-clients-") || j.startsWith("connect-api-")
                || j.startsWith("slf4j-api-"));
        assertThat(jars).as("the Apache 5 client for calls, the Netty client for SubscribeToShard (HTTP/2)")
                .contains("apache5-client-2.57.8.jar", "netty-nio-client-2.57.8.jar")
                .noneMatch(j -> j.startsWith("apache-client-"));
    }

    @Test
    void serviceLoaderManifestsDeclareBothConnectorsAndBothTransforms() throws IOException {
        Path lib = COMPONENT.resolve("lib");

        assertThat(service(lib.resolve("sluice-source-connector-" + VERSION + ".jar"),
                "org.apache.kafka.connect.source.SourceConnector"))
                .contains("io.sluice.connect.source.KinesisSourceConnector");
        assertThat(service(lib.resolve("sluice-sink-connector-" + VERSION + ".jar"),
                "org.apache.kafka.connect.sink.SinkConnector"))
                .contains("io.sluice.connect.sink.KinesisSinkConnector");
        assertThat(service(lib.resolve("sluice-pump-" + VERSION + ".jar"),
                "org.apache.kafka.connect.transforms.Transformation"))
                .contains("io.sluice.pump.PumpTransform$Value", "io.sluice.pump.PumpTransform$Key");
    }

    private static String service(Path jar, String service) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            var entry = file.getEntry("META-INF/services/" + service);
            assertThat(entry).as("%s declares %s", jar.getFileName(), service).isNotNull();
            return new String(file.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
