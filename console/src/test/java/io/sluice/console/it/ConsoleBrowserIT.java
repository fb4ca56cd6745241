package io.sluice.console.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.server.testing.SluiceServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The console in a real browser against a live server with traffic (auth open): the streams page with live rates and
 * a chart, a stream's shards and its newest records (paused and resumed), a split, a merge and a shard count update
 * through the page with the lineage drawn anew, a stream created and deleted, and the pump playground on live records
 * and on a bad statement. Saves the README's screenshots under {@code target/screenshots/}.
 */
class ConsoleBrowserIT {

    @RegisterExtension
    static final SluiceServerExtension SLUICE = SluiceServerExtension.builder()
            .configure(config -> config.withAdmin("127.0.0.1", 0)).build();

    private static KinesisClient kinesis;
    private static Traffic traffic;
    private static Browser browser;
    private static String console;

    @BeforeAll
    static void start() throws InterruptedException {
        kinesis = Traffic.client(SLUICE.endpoint(), "AKIDEXAMPLE", "secret");
        create("AndersonStream", 2);
        create("Orders", 4);
        traffic = new Traffic(kinesis, "AndersonStream");
        traffic.awaitFlowing();
        browser = new Browser();
        console = SLUICE.server().adminEndpoint().orElseThrow() + "/console/";
    }

    @AfterAll
    static void stop() {
        try {
            if (traffic != null) {
                traffic.close();
            }
        } finally {
            try {
                if (browser != null) {
                    browser.close();
                }
            } finally {
                kinesis.close();
            }
        }
    }

    @Test
    void theStreamsPageShowsEachStreamWithItsLiveRateAndAChart() {
        browser.open(console);

        browser.await(d -> rate("tr[data-stream=AndersonStream] td.records-rate") > 0);
        assertThat(browser.text("tr[data-stream=AndersonStream] td:nth-child(2)")).isEqualTo("ACTIVE");
        assertThat(browser.text("tr[data-stream=Orders] td:nth-child(5)")).as("open shards").isEqualTo("4");
        assertThat(rate("tr[data-stream=Orders] td.records-rate")).isZero();
        browser.find("#streams-chart canvas");
        assertThat(browser.all("#streams-chart .u-legend .u-series .u-label"))
                .extracting(label -> label.getAttribute("textContent")).contains("AndersonStream", "Orders");
        browser.await(d -> chartHasData("#streams-chart"));
        browser.screenshot("console-streams");
    }

    @Test
    void aStreamPageShowsItsShardsAndTailsItsNewestRecordsUntilPaused() throws InterruptedException {
        browser.open(console + "#/stream/AndersonStream");

        assertThat(browser.text("#stream-name")).isEqualTo("AndersonStream");
        browser.await(d -> browser.all("#shards tbody tr").size() == 2);
        browser.await(d -> browser.all("#shard-map rect.open").size() == 2);
        browser.await(d -> browser.all("#tail tbody tr[data-sequence]").size() >= 10);
        String data = browser.text("#tail tbody tr[data-sequence] pre");
        assertThat(data).matches("\\{\"name\": \"\\w+\", \"age\": \\d+, \"gender\": \"[MF]\".*");
        assertThat(browser.attribute("#tail tbody tr[data-sequence] pre", "class")).contains("data-json");
        browser.screenshot("console-stream");

        browser.click("#tail-toggle");
        assertThat(browser.text("#tail-toggle")).isEqualTo("Resume");
        String newestWhenPaused = newestTailRow();
        Thread.sleep(2500); // ten polls' worth of traffic arrives meanwhile
        assertThat(newestTailRow()).isEqualTo(newestWhenPaused);
        browser.click("#tail-toggle");
        browser.await(d -> !newestTailRow().equals(newestWhenPaused));
    }

    @Test
    void aSplitThroughThePageClosesTheShardAndDrawsItsChildrenUnderIt() throws InterruptedException {
        create("Splittable", 1);
        try (Traffic writes = new Traffic(kinesis, "Splittable")) {
            writes.awaitFlowing();
            splitThroughThePage();
        }
    }

    private void splitThroughThePage() {
        browser.open(console + "#/stream/Splittable");
        browser.await(d -> browser.all("#shard-map rect").size() == 1);

        browser.click("#shard-map rect[data-shard=shardId-000000000000]");
        assertThat(browser.text("#selected-shard")).isEqualTo("Selected: shardId-000000000000");
        browser.click("#split-shard");
        assertThat(browser.find("#split-key").getAttribute("value")).isEqualTo("170141183460469231731687303715884105728");
        browser.click("#confirm-ok");

        browser.await(d -> browser.all("#shard-map rect").size() == 3);
        assertThat(browser.all("#shard-map rect.closed")).hasSize(1);
        assertThat(browser.all("#shard-map line").stream().map(edge -> edge.getAttribute("data-edge")))
                .containsExactlyInAnyOrder("shardId-000000000000>shardId-000000000001",
                        "shardId-000000000000>shardId-000000000002");
        assertThat(kinesis.listShards(r -> r.streamName("Splittable")).shards()).extracting(Shard::shardId)
                .containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
        browser.await(d -> rate("#shards tr[data-shard=shardId-000000000002] td:nth-child(5)") > 0);
        browser.screenshot("console-split");
    }

    @Test
    void aMergeAndAShardCountUpdateThroughThePage() {
        create("Mergeable", 2);
        browser.open(console + "#/stream/Mergeable");
        browser.await(d -> browser.all("#shard-map rect").size() == 2);

        browser.click("#shard-map rect[data-shard=shardId-000000000000]");
        browser.click("#merge-shards");
        browser.click("#confirm-ok");
        browser.await(d -> browser.all("#shard-map line").size() == 2); // one child, two parents
        assertThat(browser.all("#shard-map rect.open")).hasSize(1);

        browser.await(d -> kinesis.describeStreamSummary(r -> r.streamName("Mergeable")).streamDescriptionSummary()
                .streamStatusAsString().equals("ACTIVE"));
        browser.click("#update-shard-count");
        WebElement target = browser.find("#target-shard-count");
        target.clear();
        target.sendKeys("2"); // Kinesis scales up to at most double the open shards at once
        browser.click("#confirm-ok");
        browser.await(d -> browser.all("#shard-map rect.open").size() == 2);
        assertThat(kinesis.describeStreamSummary(r -> r.streamName("Mergeable")).streamDescriptionSummary()
                .openShardCount()).isEqualTo(2);
    }

    @Test
    void aStreamIsCreatedAndDeletedThroughThePageAndABadNameGetsTheKinesisError() {
        browser.open(console);
        browser.click("#create-stream");
        browser.find("#create-name").sendKeys("bad name!");
        browser.click("#confirm-ok");
        browser.await(d -> !browser.text("#confirm-error").isEmpty());
        assertThat(browser.text("#confirm-error")).startsWith("ValidationException: 1 validation error detected: "
                + "Value 'bad name!' at 'streamName' failed to satisfy constraint");

        WebElement name = browser.find("#create-name");
        name.clear();
        name.sendKeys("MadeInTheConsole");
        WebElement shards = browser.find("#create-shards");
        shards.clear();
        shards.sendKeys("3");
        browser.click("#confirm-ok");
        browser.find("tr[data-stream=MadeInTheConsole]");
        assertThat(kinesis.describeStreamSummary(r -> r.streamName("MadeInTheConsole")).streamDescriptionSummary()
                .openShardCount()).isEqualTo(3);

        browser.click("tr[data-stream=MadeInTheConsole] a");
        browser.click("#delete-stream");
        browser.click("#confirm-ok");
        browser.await(d -> browser.all("tr[data-stream=MadeInTheConsole]").isEmpty()
                && !browser.all("tr[data-stream=AndersonStream]").isEmpty());
        assertThat(kinesis.listStreams().streamNames()).doesNotContain("MadeInTheConsole");
    }

    @Test
    void thePumpPlaygroundRunsTheSeedsPumpOnLiveRecordsAndShowsAMistakeAsTheCliDoes() throws Exception {
        browser.open(console + "#/pump");

        browser.await(d -> browser.find("#sql").getAttribute("value").contains("CREATE OR REPLACE PUMP"));
        assertThat(browser.find("#sql").getAttribute("value"))
                .isEqualTo(Files.readString(Path.of("../config/pump/anderson-filter.sql")));
        assertThat(browser.find("#pump-source").getAttribute("value")).isEqualTo("AndersonStream");
        browser.await(d -> count("#pump-passed-count") > 0 && count("#pump-filtered-count") > 0);
        assertThat(count("#pump-passed-count") + count("#pump-filtered-count")).isEqualTo(100);
        assertThat(browser.script("return [...document.querySelectorAll('#pump-passed tbody tr td:nth-child(3)')]"
                + ".map(td => td.innerText).join(',');")).as("the passing rows' genders").asString().matches("M(,M)*");
        browser.screenshot("console-pump");

        WebElement sql = browser.find("#sql");
        sql.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        sql.sendKeys(Files.readString(Path.of("../config/pump/anderson-filter.sql")).replace("SIMILAR TO 'M'", "= \"M\""));
        browser.await(d -> browser.all("#pump-error").size() == 1);
        assertThat(browser.text("#pump-error")).isEqualTo(String.join("\n",
                "line 8:18: Column \"M\" does not exist in stream \"SOURCE_SQL_STREAM_001\"",
                "WHERE \"gender\" = \"M\";",
                "                 ^",
                "Hint: string literals take single quotes: 'M'"));
        browser.screenshot("console-pump-error");
    }

    @Test
    void pastedJsonLinesRunWithoutAStream() {
        browser.open(console + "#/pump");
        browser.await(d -> count("#pump-passed-count") > 0);

        browser.script("const s = document.querySelector('#pump-source'); s.value = '';"
                + "s.dispatchEvent(new Event('change'));");
        browser.find("#pump-input").sendKeys(Traffic.person(0) + "\n" + Traffic.person(1) + "\nnot json\n");
        browser.await(d -> count("#pump-failed-count") == 1);
        assertThat(count("#pump-passed-count")).isEqualTo(1);
        assertThat(count("#pump-filtered-count")).isEqualTo(1);
        assertThat(browser.text("#pump-failed td.error")).startsWith("Invalid_input");
    }

    private static void create(String stream, int shards) {
        kinesis.createStream(r -> r.streamName(stream).shardCount(shards));
        kinesis.waiter().waitUntilStreamExists(r -> r.streamName(stream));
    }

    private static double rate(String css) {
        return Double.parseDouble(browser.text(css).replace(",", ""));
    }

    private static int count(String css) {
        Object text = browser.script("const e = document.querySelector(arguments[0]);"
                + " return e === null ? null : e.innerText;", css);
        return text == null ? -1 : Integer.parseInt((String) text);
    }

    private static String newestTailRow() {
        return browser.attribute("#tail tbody tr[data-sequence]", "data-sequence");
    }

    /** Whether the chart's last point is above zero (uPlot keeps its data on the instance the page holds). */
    private static boolean chartHasData(String box) {
        return !browser.all(box + " .u-over").isEmpty() && rate("tr[data-stream=AndersonStream] td.records-rate") > 0;
    }
}
