package io.sluice.quickstart.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.quickstart.Quickstart;
import io.sluice.quickstart.QuickstartOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Every command the docs show works when pasted: the commands {@code bin/quickstart --stay} prints, and every
 * {@code bash}/{@code sh}/{@code shell} and {@code python} block of the checkout's {@code README.md} and of each
 * module's {@code README.md}, run against one set of live services for the whole class — the quickstart's server,
 * KRaft broker and Connect worker with the packaged plugin, on free loopback ports, after the quickstart has played
 * the seed's scenario.
 *
 * <ul>
 *   <li>What runs and how a block is marked as not runnable here: {@link MarkdownBlocks} ({@code <!-- docs-test:
 *       skip — reason -->}; the skipped blocks are reported as skipped tests with their reason and listed on
 *       stdout after the class).</li>
 *   <li>Where the endpoints the docs name (4567, 8083) are substituted by the live ones: {@link LiveEndpoints}.</li>
 *   <li>The shell the commands run in — the checkout's root, {@code /usr/bin} first on {@code PATH} (Debian's AWS CLI
 *       v2 and boto3), static credentials, nothing leaving loopback, each command bounded in time:
 *       {@link DocShell}.</li>
 *   <li>How output a doc shows after a block is checked: {@link ExpectedOutput}.</li>
 * </ul>
 * A file's blocks run in document order, so a block can use the streams and connectors an earlier one created; each
 * block is its own script, so shell variables do not carry from one block to the next. A failure names the file,
 * the line and the command, with its output.
 */
class DocsIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern TYPED_DATA = Pattern.compile("--data '([^']*)'");
    private static final Pattern PUT_ANSWER = Pattern.compile(
            "\"ShardId\": \"(shardId-\\d+)\",\\s*\"SequenceNumber\": \"(\\d+)\"");

    private static final List<String> skipped = new CopyOnWriteArrayList<>();
    private static Path scratch;
    private static Quickstart quickstart;
    private static DocShell shell;
    private static LiveEndpoints endpoints;

    @BeforeAll
    static void startTheServices() throws Exception {
        scratch = Files.createTempDirectory("sluice-docs-it-");
        quickstart = Quickstart.run(QuickstartOptions.parse("--free-ports", "--plugin-path", "target/plugin",
                "--config-dir", ROOT.resolve("config").toString()), System.out);
        shell = new DocShell(ROOT, scratch);
        endpoints = LiveEndpoints.of(quickstart.kinesisEndpoint(), quickstart.connectUrl());
    }

    @AfterAll
    static void stopTheServices() throws IOException {
        System.out.println("Docs blocks not run here (" + skipped.size() + "):");
        skipped.forEach(block -> System.out.println("  " + block));
        if (quickstart != null) {
            quickstart.close();
        }
        if (scratch != null) {
            try (Stream<Path> paths = Files.walk(scratch)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    @Test
    void commandsTheQuickstartPrintsWorkWhenPasted() {
        List<String> commands = quickstart.commandsToTry();
        DocShell.Run run = shell.shell("bin/quickstart --stay", 1, String.join("\n", commands));

        assertThat(run.succeeded()).as("pasted:\n%s", run.report()).isTrue();
        assertThat(run.stdout()).as("describe-stream-summary, then get-records of the landed men")
                .contains("\"StreamName\": \"AndersonStream\"", "\"StreamStatus\": \"ACTIVE\"", "\"Data\": \"");
        assertThat(run.stdout()).as("the connectors' status and the source's configuration through curl")
                .contains("\"anderson-source\":{\"status\":", "\"state\":\"RUNNING\"",
                        "\"transforms.pump.type\":\"io.sluice.pump.PumpTransform$Value\"");
        assertThat(run.stdout()).as("the topic through kcat").contains("\"GENDER\":\"M\"");

        String put = commands.stream().filter(c -> c.startsWith("aws kinesis put-record")).findFirst().orElseThrow();
        Matcher typed = find(TYPED_DATA, put);
        Matcher answer = find(PUT_ANSWER, run.stdout());
        assertThat(storedData("AndersonStream", answer.group(1), answer.group(2)))
                .as("the record put-record wrote holds exactly what was typed after --data")
                .isEqualTo(typed.group(1));
    }

    @TestFactory
    Stream<DynamicContainer> everyCommandBlockInTheDocsWorksWhenPasted() throws IOException {
        List<DynamicContainer> files = new ArrayList<>();
        for (Path markdown : markdownFiles()) {
            String name = ROOT.relativize(markdown).toString();
            List<DocBlock> blocks = MarkdownBlocks.parse(name, Files.readString(markdown));
            if (!blocks.isEmpty()) {
                files.add(DynamicContainer.dynamicContainer(name, blocks.stream().map(block ->
                        DynamicTest.dynamicTest(block.location() + " " + block.kind(), () -> run(block)))));
            }
        }
        assertThat(files).as("Markdown files with command blocks").extracting(DynamicContainer::getDisplayName)
                .contains("README.md");
        return files.stream();
    }

    private static void run(DocBlock block) {
        switch (block.kind()) {
            case SKIP -> {
                skipped.add(block.location() + ": " + block.reason());
                Assumptions.abort("docs-test: skip — " + block.reason());
            }
            case SERVERS -> {
                List<String> lines = block.text().lines().toList();
                for (int i = 0; i < lines.size(); i++) {
                    if (!lines.get(i).isBlank() && !lines.get(i).strip().startsWith("#")) {
                        DocShell.Run run = shell.server(lines.get(i));
                        assertThat(run.succeeded()).as("%s:%d failed:\n%s", block.file(), block.line() + 1 + i,
                                run.report()).isTrue();
                    }
                }
            }
            case SHELL -> check(block, shell.shell(block.file(), block.line() + 1, endpoints.substitute(block.text())));
            case PYTHON -> check(block, shell.python(endpoints.substitute(block.text())));
        }
    }

    private static void check(DocBlock block, DocShell.Run run) {
        assertThat(run.succeeded()).as("%s (%s block) failed:\n%s", block.location(), block.kind(), run.report())
                .isTrue();
        block.expectedOutput().ifPresent(expected -> {
            Optional<String> missing = ExpectedOutput.firstMissingLine(expected, run.stdout());
            assertThat(missing).as("%s printed no line '%s' where the doc shows its output:\n%s", block.location(),
                    missing.orElse(""), run.report()).isEmpty();
        });
    }

    /** The checkout's README and each module's, in that order. */
    private static List<Path> markdownFiles() throws IOException {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> modules = Files.list(ROOT)) {
            modules.map(module -> module.resolve("README.md")).filter(Files::isRegularFile).sorted()
                    .forEach(files::add);
        }
        return files;
    }

    /** The data of the record at {@code sequenceNumber}, read with the AWS SDK (retried while throttled). */
    private static String storedData(String stream, String shardId, String sequenceNumber) {
        try (KinesisClient kinesis = KinesisClient.builder().endpointOverride(quickstart.kinesisEndpoint())
                .region(Region.US_EAST_1).httpClientBuilder(Apache5HttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(DocShell.ACCESS_KEY_ID, DocShell.SECRET_ACCESS_KEY)))
                .build()) {
            Record record = await().atMost(Duration.ofSeconds(10))
                    .ignoreExceptionsInstanceOf(ProvisionedThroughputExceededException.class)
                    .until(() -> {
                        String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shardId)
                                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                                .startingSequenceNumber(sequenceNumber)).shardIterator();
                        return kinesis.getRecords(r -> r.shardIterator(iterator).limit(1)).records();
                    }, records -> !records.isEmpty()).get(0);
            return record.data().asUtf8String();
        }
    }

    private static Matcher find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("'%s' in:\n%s", pattern, text).isTrue();
        return matcher;
    }
}
