package io.lskd.nmt.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lskd.bench.Workload;
import io.lskd.bench.WorkloadFactory;
import io.lskd.nmt.NmtPlugin;
import io.lskd.nmt.model.TransformerSpec;
import io.lskd.plugin.Registry;
import io.lskd.plugin.Workspace;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Transformer benchmarks: registered, sized as nmt-kd's models, and their steps run. */
class NmtWorkloadTest {

    /**
     * Trained parameters of an encoder-decoder Transformer with shared embeddings: E [V, d];
     * per encoder layer 2 layer norms, 4 biased d x d projections and the FFN; per decoder layer
     * 3 layer norms, 8 projections and the FFN; a final layer norm per stack in pre-norm. The
     * peer (experiments/bench/peers/nmt.py) prints the same count, summed over its parameters.
     */
    static long transformerParameters(TransformerSpec s, int vocabulary) {
        long d = s.modelDim();
        long f = s.ffnDim();
        long norm = 2 * d;
        long attention = 4 * (d * d + d);
        long ffn = d * f + f + f * d + d;
        long encoder = s.encoderLayers() * (2 * norm + attention + ffn);
        long decoder = s.decoderLayers() * (3 * norm + 2 * attention + ffn);
        return vocabulary * d + encoder + decoder + (s.preNorm() ? 2 * norm : 0);
    }

    @Test
    void bothNmtKdSizesAreRegisteredWithTheSuitesBatch() {
        Map<String, WorkloadFactory> workloads = Registry.discover(getClass().getClassLoader(), new Workspace(null))
                .workloads();
        for (String name : new String[] {"transformer-teacher", "transformer-student"}) {
            WorkloadFactory factory = workloads.get(name);
            assertEquals(64, factory.defaultBatchSize(), name);
            assertTrue(factory.defaultThreads() >= 1, name);
        }
        assertTrue(workloads.get("transformer-teacher").description().contains("d 256, 3+3 layers"));
        assertTrue(workloads.get("transformer-student").description().contains("d 128, 2+2 layers"));
    }

    @Test
    void theTeachersCountIsTheClosedForm() {
        // 7,578,624 for d 256, 3+3 layers, FFN 1024, V 8,000: the figure nmt.py prints
        assertEquals(7_578_624L, transformerParameters(NmtPlugin.NMT_KD_TEACHER, NmtWorkload.VOCABULARY));
    }

    @Test
    void theStudentHasTheClosedFormCountAndItsStepsRunOnFixedTokenCounts() {
        TransformerSpec student = NmtPlugin.NMT_KD_STUDENT;
        try (Workload w = NmtWorkload.factory(student, "student", 1).create(2, 0)) {
            assertEquals(transformerParameters(student, NmtWorkload.VOCABULARY), w.parameterCount());
            assertEquals(2 * NmtWorkload.LENGTH, w.itemsPerStep());
            assertEquals("target tokens", w.unit());
            w.trainStep();
            w.trainStep();
            w.inferStep();
        }
    }
}
