package io.lskd.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lskd.bench.Workload;
import io.lskd.bench.WorkloadFactory;
import io.lskd.plugin.Registry;
import io.lskd.plugin.Workspace;
import org.junit.jupiter.api.Test;

/** The binary student's benchmark: registered with binary-kd's batch, the full student, its steps run. */
class BinaryWorkloadTest {

    @Test
    void reactnetSmallIsRegisteredAsTheFullBinaryStudentAndItsStepsRun() {
        WorkloadFactory factory = Registry.discover(getClass().getClassLoader(), new Workspace(null)).workloads()
                .get("reactnet-small");
        assertEquals(128, factory.defaultBatchSize());
        assertTrue(factory.defaultThreads() >= 1);
        try (Workload w = factory.create(2, 0)) {
            // the count ReActNetSmallTest derives block by block; binary.py prints the same
            assertEquals(290_954, w.parameterCount());
            assertEquals(2, w.itemsPerStep());
            w.trainStep();
            w.inferStep();
        }
    }
}
