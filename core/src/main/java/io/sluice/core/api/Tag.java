package io.sluice.core.api;

/** A stream tag; {@code value} may be empty. */
public record Tag(String key, String value) {
}
