package io.sluice.quickstart;

import java.net.URI;
import java.util.List;

/**
 * The commands {@code bin/quickstart --stay} prints for pasting into a shell, in order, pointed at this run's
 * services: the seed's AWS CLI commands (CLI v2, the current one and Debian's), the Connect REST API through curl
 * and the topic through kcat. {@code DocsIT} runs them exactly as printed.
 */
record CommandsToTry(URI kinesis, URI connect, String bootstrapServers, ConnectorConfigs source,
                     ConnectorConfigs sink) {

    /** The line explaining the flag, printed just above the command that needs it. */
    private static final String BINARY_FORMAT_NOTE = "# --cli-binary-format raw-in-base64-out: AWS CLI v2 would read --data "
            + "as base64; CLI v1 sends it as typed and has no such flag, drop it there";

    List<String> lines() {
        String endpoint = "--endpoint-url " + kinesis;
        return List.of(
                "export AWS_ACCESS_KEY_ID=" + Quickstart.ACCESS_KEY_ID + " AWS_SECRET_ACCESS_KEY="
                        + Quickstart.SECRET_ACCESS_KEY + " AWS_DEFAULT_REGION=us-east-1",
                "aws kinesis describe-stream-summary --stream-name " + source.stream() + " " + endpoint,
                BINARY_FORMAT_NOTE,
                "aws kinesis put-record --stream-name " + source.stream() + " --partition-key 123 --data "
                        + "'{\"name\":\"Kim Minsu\",\"age\":15,\"gender\":\"M\",\"score\":60,\"job\":\"Pilot\",\"i\":99}' "
                        + "--cli-binary-format raw-in-base64-out " + endpoint,
                "SHARD_ITERATOR=$(aws kinesis get-shard-iterator --shard-id shardId-000000000000 "
                        + "--shard-iterator-type TRIM_HORIZON --stream-name " + sink.stream() + " --query 'ShardIterator' "
                        + "--output text " + endpoint + ")",
                "aws kinesis get-records --shard-iterator $SHARD_ITERATOR " + endpoint,
                "curl -s '" + connect + "/connectors?expand=status'",
                "curl -s " + connect + "/connectors/" + source.name() + "/config",
                "kcat -b " + bootstrapServers + " -t " + source.topic() + " -C -e -f '%k %s\\n'");
    }
}
