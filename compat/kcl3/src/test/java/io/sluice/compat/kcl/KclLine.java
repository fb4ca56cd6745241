package io.sluice.compat.kcl;

import io.sluice.compat.emulators.EmulatorProcess;
import io.sluice.compat.emulators.MotoServer;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.leases.LeaseManagementConfig;

/**
 * What sets the KCL 3.x line apart in the shared scenario: its lease assignment needs DynamoDB's secondary indexes
 * and transactions, which dynalite lacks, so it runs against moto's server where that is importable (and is skipped
 * with one WARN line otherwise); its worker metrics, which read EC2/ECS metadata, are off.
 */
final class KclLine {

    private static final Logger log = LoggerFactory.getLogger(KclLine.class);

    private KclLine() {
    }

    static EmulatorProcess startDynamo() {
        Optional<String> missing = MotoServer.unavailability();
        if (missing.isPresent()) {
            log.warn("Skipping the KCL 3.x tests: {}", missing.get());
            Assumptions.abort("KCL 3.x needs a DynamoDB emulator with indexes and transactions: " + missing.get());
        }
        return MotoServer.start();
    }

    static void adjust(LeaseManagementConfig leases) {
        leases.workerUtilizationAwareAssignmentConfig().disableWorkerMetrics(true);
    }
}
