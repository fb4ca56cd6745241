package io.sluice.core.api;

import java.util.List;

/** ListStreams: names and summaries of one page, whether more follow, and the token for the next page. */
public record ListStreamsResult(List<String> streamNames, List<StreamSummary> streamSummaries,
                                boolean hasMoreStreams, String nextToken) {
}
