package io.sluice.core.storage;

import java.io.IOException;

/** A shared catalog refused a change because another server changed the same stream first. */
public final class ConcurrentChangeException extends IOException {
    public ConcurrentChangeException(String message) {
        super(message);
    }
}
