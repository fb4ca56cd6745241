package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The server's packages as a graph of their imports, read from the sources (the package-level counterpart of the
 * modules' enforcer rules, as Kafka's import-control is): {@code wire}, the shared vocabulary of requests, responses
 * and errors, imports no other server package, and no two packages import each other, directly or in a ring. The
 * root package, which wires everything together, is left out.
 */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/io/sluice/server");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.sluice\\.server\\.([a-z]+)\\.",
            Pattern.MULTILINE);

    @Test
    void theWirePackageIsALeaf() throws IOException {
        assertThat(imports().get("wire")).as("server packages that wire imports").isEmpty();
    }

    @Test
    void noPackagesImportEachOtherInARing() throws IOException {
        Map<String, Set<String>> graph = imports();
        for (String start : graph.keySet()) {
            assertThat(ringThrough(start, graph)).as("a ring of imports through " + start).isEmpty();
        }
    }

    /** Package → the other server packages its classes import. */
    private static Map<String, Set<String>> imports() throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> packages = Files.list(SOURCES)) {
            for (Path dir : packages.filter(Files::isDirectory).toList()) {
                String name = dir.getFileName().toString();
                Set<String> used = new TreeSet<>();
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        Matcher m = IMPORT.matcher(Files.readString(file));
                        while (m.find()) {
                            used.add(m.group(1));
                        }
                    }
                }
                used.remove(name);
                graph.put(name, used);
            }
        }
        assertThat(graph).as("the server's packages, read from " + SOURCES.toAbsolutePath()).containsKey("wire");
        return graph;
    }

    /** A path of imports from {@code start} back to itself, e.g. [protocol, auth, protocol]; empty when none. */
    private static List<String> ringThrough(String start, Map<String, Set<String>> graph) {
        Deque<List<String>> paths = new ArrayDeque<>();
        paths.add(List.of(start));
        Set<String> seen = new TreeSet<>();
        while (!paths.isEmpty()) {
            List<String> path = paths.poll();
            for (String next : graph.getOrDefault(path.get(path.size() - 1), Set.of())) {
                List<String> longer = new ArrayList<>(path);
                longer.add(next);
                if (next.equals(start)) {
                    return longer;
                }
                if (seen.add(next)) {
                    paths.add(longer);
                }
            }
        }
        return List.of();
    }
}
