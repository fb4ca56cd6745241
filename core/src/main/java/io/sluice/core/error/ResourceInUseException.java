package io.sluice.core.error;

/** Kinesis {@code ResourceInUseException}: The resource exists but its state forbids the action: a duplicate name, a stream not ACTIVE, a closed shard, registered consumers. */
public final class ResourceInUseException extends KinesisException {

    public ResourceInUseException(String message) {
        super(ErrorKind.RESOURCE_IN_USE, message);
    }
}
