package io.sluice.compat.kcl;

import io.sluice.compat.emulators.EmulatorProcess;
import io.sluice.server.testing.SluiceServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Kinesis Client Library, unchanged but for its endpoints, reading from the real Sluice server through the
 * {@link KclScenario}: with GetRecords polling and with enhanced fan-out (SubscribeToShard over HTTP/2), its leases in
 * the DynamoDB emulator of this module's KCL line ({@link KclLine}).
 */
class KclApplicationIT {

    @RegisterExtension
    static final SluiceServerExtension SLUICE = SluiceServerExtension.builder().limitsOff().build();

    private static EmulatorProcess dynamo;

    @BeforeAll
    static void startDynamo() {
        dynamo = KclLine.startDynamo();
    }

    @AfterAll
    static void stopDynamo() {
        if (dynamo != null) {
            dynamo.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(KclWorker.Retrieval.class)
    void twoWorkersFollowASplitAMergeAndARestartInKeyOrder(KclWorker.Retrieval retrieval) throws Exception {
        new KclScenario(SLUICE.endpoint(), dynamo.endpoint(), retrieval).run();
    }
}
