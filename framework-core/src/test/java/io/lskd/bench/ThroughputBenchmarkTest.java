package io.lskd.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThroughputBenchmarkTest {

    /** Counts its steps; each takes about a millisecond. */
    private static final class CountingWorkload implements Workload {
        int train;
        int infer;

        @Override
        public String unit() {
            return "samples";
        }

        @Override
        public int itemsPerStep() {
            return 10;
        }

        @Override
        public long parameterCount() {
            return 0;
        }

        @Override
        public void trainStep() {
            train++;
            busy();
        }

        @Override
        public void inferStep() {
            infer++;
            busy();
        }

        private static void busy() {
            long end = System.nanoTime() + 1_000_000;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
        }
    }

    @Test
    void runsWarmupThenEveryWindowAndReportsTheMedianWindow() {
        CountingWorkload workload = new CountingWorkload();
        ThroughputBenchmark.Result result = new ThroughputBenchmark(2, 3, 4).run(workload);
        assertEquals(2 + 3 * 4, workload.train);
        assertEquals(2 + 3 * 4, workload.infer);
        assertEquals(3, result.train().windows().length);
        assertEquals(ThroughputBenchmark.median(result.train().windows()), result.train().median());
        // 10 items a step of at least 1 ms: at most 10,000 items per second
        for (double rate : result.train().windows()) {
            assertTrue(rate > 0 && rate <= 10_000, "rate " + rate);
        }
        assertTrue(result.memory().peakResidentBytes() > 0);
        assertTrue(result.memory().peakHeapBytes() > 0);
    }

    @Test
    void theMedianOfAnOddCountIsTheMiddleAndOfAnEvenCountTheMeanOfTheTwoMiddles() {
        assertEquals(3.0, ThroughputBenchmark.median(new double[] {9, 1, 3}));
        assertEquals(2.5, ThroughputBenchmark.median(new double[] {4, 1, 2, 3}));
        double[] values = {5, 1, 4};
        ThroughputBenchmark.median(values);
        assertArrayEquals(new double[] {5, 1, 4}, values, "the caller's windows stay in order");
    }

    @Test
    void countsBelowOneAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ThroughputBenchmark(0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ThroughputBenchmark(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ThroughputBenchmark(-1, 1, 1));
    }
}
