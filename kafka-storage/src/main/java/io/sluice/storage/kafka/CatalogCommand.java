package io.sluice.storage.kafka;

import io.sluice.core.meta.StreamMetadata;

/**
 * One change proposed to the catalog, a record of the catalog topic. Every server applies the topic's records in
 * order with {@link CatalogState#apply}, so all agree on which changes took effect without a leader.
 *
 * @param kind      {@link #STREAM} (a stream's metadata set or removed) or {@link #ITERATOR_KEY}
 * @param name      the stream's name ({@link #STREAM})
 * @param base      the version the change was derived from: the catalog offset of the change that set the
 *                  stream's current metadata, or {@link #ABSENT} for a new stream
 * @param stream    the new metadata, or null when the stream is removed
 * @param key       the iterator key, hex ({@link #ITERATOR_KEY})
 * @param request   a unique id the proposing server waits for
 */
public record CatalogCommand(String kind, String name, long base, StreamMetadata stream, String key,
                             String request) {

    public static final String STREAM = "stream";
    public static final String ITERATOR_KEY = "iterator-key";
    public static final long ABSENT = -1;

    public static CatalogCommand setStream(String name, long base, StreamMetadata stream, String request) {
        return new CatalogCommand(STREAM, name, base, stream, null, request);
    }

    public static CatalogCommand iteratorKey(String hexKey, String request) {
        return new CatalogCommand(ITERATOR_KEY, null, ABSENT, null, hexKey, request);
    }
}
