package io.sluice.core.fs;

import java.io.IOException;

/**
 * A change reached the file system, but the fsync that should have made it durable failed: whether it survives a
 * crash is unknown. Whoever serves from memory must stop acknowledging anything that builds on it (PostgreSQL's
 * rule: a failed fsync is never retried and trusted), until a restart reads back what the disk really holds.
 */
public class DurabilityUnknownException extends IOException {

    public DurabilityUnknownException(String message, IOException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
