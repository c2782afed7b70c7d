package io.lskd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

    @Test
    void aFinishedRunShowsTheHeadlineMetricsItsTaskReports() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress progress = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        progress.runStarted("teacher (seed 0)", 1, 10);
        progress.runFinished("teacher (seed 0)", Map.of("top1", 0.8958, "stability", 0.1027, "nll", 0.3));
        progress.runStarted("seq-kd (seed 0)", 1, 10);
        progress.runFinished("seq-kd (seed 0)", Map.of("bleu", 21.5, "chrf", 44.25, "nll", 2.1));
        List<String> finished = bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("finished"))
                .toList();
        assertEquals(List.of("  teacher (seed 0) finished in 0m00s: top1 0.8958, 1-S 0.1027",
                "  seq-kd (seed 0) finished in 0m00s: BLEU 21.5000, chrF 44.2500"), finished);
    }

    @Test
    void aResumedRunSaysItsTimeCountsFromTheResume() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress progress = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        progress.runStarted("binary (seed 0)", 8, 157);
        progress.runResumed("binary (seed 0)", 8, 89);
        progress.runFinished("binary (seed 0)", Map.of("top1", 0.87));
        assertEquals(List.of("  binary (seed 0) finished in 0m00s after resuming: top1 0.8700"),
                bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("finished")).toList());
    }
}
