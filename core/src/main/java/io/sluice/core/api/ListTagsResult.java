package io.sluice.core.api;

import java.util.List;

/** ListTagsForStream: tags sorted by key, and whether more follow. */
public record ListTagsResult(List<Tag> tags, boolean hasMoreTags) {
}
