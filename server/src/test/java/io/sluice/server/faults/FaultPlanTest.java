package io.sluice.server.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.server.faults.FaultPlan.Kind;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

    private static final Set<String> ACTIONS = Set.of("PutRecords", "GetRecords", "ListStreams");

    @Test
    void namedActionsWinOverEveryActionKindByKind() {
        FaultPlan plan = FaultPlan.parse("*:internal=0.01,latency-ms=5; PutRecords:throttle-entry=0.1,latency-ms=20;"
                + "GetRecords:throttle=0.2", ACTIONS);
        assertThat(plan.value("PutRecords", Kind.LATENCY_MS)).isEqualTo(20);
        assertThat(plan.value("PutRecords", Kind.INTERNAL)).isEqualTo(0.01);
        assertThat(plan.value("PutRecords", Kind.THROTTLE_ENTRY)).isEqualTo(0.1);
        assertThat(plan.value("GetRecords", Kind.THROTTLE)).isEqualTo(0.2);
        assertThat(plan.value("GetRecords", Kind.LATENCY_MS)).isEqualTo(5);
        assertThat(plan.value("ListStreams", Kind.THROTTLE)).isZero();
        assertThat(FaultPlan.parse("", ACTIONS).isEmpty()).isTrue();
    }

    @Test
    void everyMistakeIsNamed() {
        assertThatThrownBy(() -> FaultPlan.parse("PutRecordz:throttle=0.1", ACTIONS))
                .hasMessage("faults: unknown action 'PutRecordz'; use * or one of [GetRecords, ListStreams, PutRecords]");
        assertThatThrownBy(() -> FaultPlan.parse("PutRecords", ACTIONS))
                .hasMessage("faults: 'PutRecords' is not ACTION:KIND=VALUE[,KIND=VALUE...]");
        assertThatThrownBy(() -> FaultPlan.parse("PutRecords:throttle", ACTIONS))
                .hasMessage("faults: 'throttle' in 'PutRecords:throttle' is not KIND=VALUE");
        assertThatThrownBy(() -> FaultPlan.parse("PutRecords:slow=1", ACTIONS))
                .hasMessage("faults: unknown kind 'slow' in 'PutRecords:slow=1'; kinds are throttle, throttle-entry, "
                        + "internal, latency-ms");
        assertThatThrownBy(() -> FaultPlan.parse("*:internal=1.5", ACTIONS))
                .hasMessage("faults: internal=1.5 in '*:internal=1.5' is not a probability in 0..1");
        assertThatThrownBy(() -> FaultPlan.parse("*:internal=often", ACTIONS))
                .hasMessage("faults: internal=often in '*:internal=often' is not a number");
        assertThatThrownBy(() -> FaultPlan.parse("*:latency-ms=2.5", ACTIONS))
                .hasMessage("faults: latency-ms=2.5 in '*:latency-ms=2.5' is not a whole number of milliseconds in "
                        + "0..60000");
        assertThatThrownBy(() -> FaultPlan.parse("GetRecords:throttle-entry=0.5", ACTIONS))
                .hasMessage("faults: throttle-entry in 'GetRecords:throttle-entry=0.5' applies to PutRecords only");
    }
}
