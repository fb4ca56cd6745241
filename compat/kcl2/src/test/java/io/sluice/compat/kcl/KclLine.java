package io.sluice.compat.kcl;

import io.sluice.compat.emulators.Dynalite;
import io.sluice.compat.emulators.EmulatorProcess;
import software.amazon.kinesis.leases.LeaseManagementConfig;

/** What sets the KCL 2.x line apart in the shared scenario: it keeps only a lease table, which fits dynalite. */
final class KclLine {

    private KclLine() {
    }

    static EmulatorProcess startDynamo() {
        return Dynalite.start();
    }

    static void adjust(LeaseManagementConfig leases) {
        // nothing: KCL 2.x reads no worker metrics
    }
}
