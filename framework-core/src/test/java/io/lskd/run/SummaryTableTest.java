package io.lskd.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTableTest {

    private static RunResult result(String arm, int seed, double top1, double stability) {
        return new RunResult("s", null, arm, "student", null, seed, "id", "d", "m", 1, 1, 1.0,
                Map.of("top1", top1, "stability", stability));
    }

    @Test
    void aggregatesSeedsIntoMeanAndSampleStandardDeviation() {
        SummaryTable table = SummaryTable.of(List.of(result("a", 0, 0.80, 0.10), result("a", 1, 0.90, 0.20),
                result("a", 2, 0.85, 0.30), result("b", 0, 0.5, 0.4)));
        SummaryTable.Stat top1 = table.rows().get(0).metrics().get("top1");
        assertEquals(0.85, top1.mean(), 1e-15);
        assertEquals(0.05, top1.std(), 1e-15); // ddof 1: sqrt((0.0025 + 0.0025 + 0) / 2)
        assertEquals(3, top1.n());
        assertEquals(List.of(0, 1, 2), table.rows().get(0).seeds());
        String rendered = table.render();
        assertTrue(rendered.contains("85.00 ± 5.00"), rendered);
        assertTrue(rendered.contains("0.2000 ± 0.1000"), rendered);
        assertTrue(rendered.contains("| 50.00 "), "a single seed shows no spread:\n" + rendered);
    }

    @Test
    void theFlipRatioColumnAppearsOnlyWhenAnArmHasOne() {
        RunResult real = result("real", 0, 0.9, 0.1);
        RunResult binary = new RunResult("s", null, "binary", "student", null, 0, "id", "d", "m", 1, 1, 1.0,
                Map.of("top1", 0.8, "stability", 0.2, "flip_ratio", 0.0123));
        assertTrue(!SummaryTable.of(List.of(real)).render().contains("flip ratio"));
        String both = SummaryTable.of(List.of(real, binary)).render();
        assertTrue(both.contains("| flip ratio |") && both.contains("| 0.0123 "), both);
    }
}
