package io.sluice.core.api;

/**
 * Names a stream the way Kinesis requests do: by {@code StreamName}, by {@code StreamARN}, or both (then they
 * must agree).
 */
public record StreamRef(String name, String arn) {

    public static StreamRef named(String name) {
        return new StreamRef(name, null);
    }

    public static StreamRef ofArn(String arn) {
        return new StreamRef(null, arn);
    }
}
