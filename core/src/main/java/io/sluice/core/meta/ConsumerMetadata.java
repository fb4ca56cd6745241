package io.sluice.core.meta;

/**
 * A registered stream consumer (enhanced fan-out). Immutable.
 *
 * @param name          the consumer name
 * @param arn           {@code <stream ARN>/consumer/<name>:<creation epoch seconds>}
 * @param createdMs     registration time, epoch ms
 * @param status        the recorded status; see {@link #statusAt(long)}
 * @param statusUntilMs when a CREATING consumer becomes ACTIVE, or a DELETING one disappears
 */
public record ConsumerMetadata(String name, String arn, long createdMs, ConsumerStatus status, long statusUntilMs) {

    /** The status at {@code nowMs}, with pending transitions applied; null when the consumer is gone. */
    public ConsumerStatus statusAt(long nowMs) {
        if (nowMs < statusUntilMs) {
            return status;
        }
        return switch (status) {
            case CREATING, ACTIVE -> ConsumerStatus.ACTIVE;
            case DELETING -> null;
        };
    }
}
