package io.sluice.server.faults;

import io.sluice.server.faults.FaultPlan.Kind;
import io.sluice.server.protocol.Action;
import io.sluice.server.protocol.RequestContext;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.Shape.StructShape;
import io.sluice.server.wire.ApiException;
import io.sluice.server.wire.ErrorType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * An action that meets its {@link FaultPlan} faults before doing its work: the added latency, then an
 * InternalFailure or a throttled call with their probabilities; for PutRecords, entries that fail as throttled
 * are taken out before the rest are written, and their failures put back in their places in the answer — so what
 * the answer says was written is exactly what was written. Thread-safe.
 */
class FaultyAction implements Action {

    /** Data-plane actions answer throttling per shard; the others answer as control-plane rate limits do. */
    private static final Set<String> SHARD_THROTTLED = Set.of("PutRecord", "PutRecords", "GetRecords",
            "GetShardIterator", "SubscribeToShard");
    static final String MESSAGE_SUFFIX = " (a fault injected by sluice-server --faults)";

    private final Action action;
    private final FaultPlan plan;
    private final Random random;

    FaultyAction(Action action, FaultPlan plan, Random random) {
        this.action = action;
        this.plan = plan;
        this.random = random;
    }

    @Override
    public String name() {
        return action.name();
    }

    @Override
    public StructShape input() {
        return action.input();
    }

    @Override
    public String resource(Fields request) {
        return action.resource(request);
    }

    @Override
    public Map<String, Object> execute(Fields request, RequestContext context) {
        injectCallFaults(context);
        if (name().equals("PutRecords") && plan.value(name(), Kind.THROTTLE_ENTRY) > 0) {
            return putSomeRecords(request, context);
        }
        return action.execute(request, context);
    }

    /** The faults of a whole call: added latency, then an internal failure or a throttle as drawn. */
    void injectCallFaults(RequestContext context) {
        long latency = (long) plan.value(name(), Kind.LATENCY_MS);
        if (latency > 0) {
            sleep(latency);
        }
        if (happens(Kind.INTERNAL)) {
            throw new ApiException(ErrorType.INTERNAL_FAILURE, "Internal failure; request id "
                    + context.requestId() + MESSAGE_SUFFIX);
        }
        if (happens(Kind.THROTTLE)) {
            throw SHARD_THROTTLED.contains(name())
                    ? new ApiException(ErrorType.PROVISIONED_THROUGHPUT_EXCEEDED, "Rate exceeded" + MESSAGE_SUFFIX)
                    : new ApiException(ErrorType.LIMIT_EXCEEDED, "Rate exceeded" + MESSAGE_SUFFIX);
        }
    }

    private Map<String, Object> putSomeRecords(Fields request, RequestContext context) {
        List<Fields> records = request.list("Records");
        boolean[] throttled = new boolean[records.size()];
        List<Fields> kept = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            throttled[i] = happens(Kind.THROTTLE_ENTRY);
            if (!throttled[i]) {
                kept.add(records.get(i));
            }
        }
        Map<String, Object> written = kept.isEmpty() ? Map.of("FailedRecordCount", 0, "Records", List.of())
                : action.execute(request.with("Records", kept), context);
        List<?> writtenEntries = (List<?>) written.get("Records");
        List<Object> entries = new ArrayList<>(records.size());
        int next = 0;
        int failed = ((Number) written.get("FailedRecordCount")).intValue();
        for (boolean refused : throttled) {
            if (refused) {
                entries.add(Map.of("ErrorCode", ErrorType.PROVISIONED_THROUGHPUT_EXCEEDED.wireName(),
                        "ErrorMessage", "Rate exceeded" + MESSAGE_SUFFIX));
                failed++;
            } else {
                entries.add(writtenEntries.get(next++));
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>(written);
        answer.put("FailedRecordCount", failed);
        answer.put("Records", entries);
        return answer;
    }

    private boolean happens(Kind kind) {
        double probability = plan.value(name(), kind);
        return probability > 0 && random.nextDouble() < probability;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
