package io.sluice.quickstart.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExpectedOutputTest {

    private static final String GET_RECORDS = """
            {
                "Records": [
                    {
                        "SequenceNumber": "49640000000000000000000000000000000000000000",
                        "Data": "dGVzdGRhdGE=",
                        "PartitionKey": "123"
                    }
                ],
                "MillisBehindLatest": 0
            }
            """;

    @Test
    void acceptsTheShownLinesInOrderWhateverTheIndentationAndTheLinesLeftOut() {
        assertThat(ExpectedOutput.firstMissingLine("""
                ...
                  "Data": "dGVzdGRhdGE=",
                  "PartitionKey": "123"
                ...
                """, GET_RECORDS)).isEmpty();
    }

    @Test
    void namesTheFirstShownLineThatIsMissing() {
        assertThat(ExpectedOutput.firstMissingLine("\"Data\": \"testdata\",\n\"PartitionKey\": \"123\"\n", GET_RECORDS))
                .contains("\"Data\": \"testdata\",");
    }

    @Test
    void rejectsShownLinesOutOfOrder() {
        assertThat(ExpectedOutput.firstMissingLine("\"PartitionKey\": \"123\"\n\"Data\": \"dGVzdGRhdGE=\",\n",
                GET_RECORDS)).contains("\"Data\": \"dGVzdGRhdGE=\",");
    }

    @Test
    void comparesWholeLinesNotParts() {
        assertThat(ExpectedOutput.firstMissingLine("\"Data\"\n", GET_RECORDS)).contains("\"Data\"");
    }
}
