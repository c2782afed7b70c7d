package io.lskd.cli;

import io.lskd.spec.SuiteSpec;
import io.lskd.spi.RunListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Progress on stderr: a status line at most every two seconds (epoch, step, loss,
 * samples/s, time left in the run) and a line per finished epoch. Results go to stdout.
 */
final class ConsoleProgress implements RunListener {

    private static final long INTERVAL_NANOS = 2_000_000_000L;

    private final PrintStream out;
    private int runsTotal;
    private int runIndex;
    private int epochs;
    private int stepsPerEpoch;
    private long runStart;
    private long lastPrint;
    private long samples;
    private double lossSum;
    private int lossCount;
    private long stepsBefore;

    ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void notice(String message) {
        out.println(message);
    }

    @Override
    public void suiteStarted(SuiteSpec suite, String data, int runs) {
        this.runsTotal = runs;
        out.printf("suite %s: %d runs (%d arms x seeds %s)%n  data: %s%n", suite.suite(), runs,
                suite.arms().size(), suite.seeds(), data);
    }

    @Override
    public void runStarted(String runName, int epochs, int stepsPerEpoch) {
        runIndex++;
        this.epochs = epochs;
        this.stepsPerEpoch = stepsPerEpoch;
        this.runStart = System.nanoTime();
        this.lastPrint = runStart;
        this.samples = 0;
        this.lossSum = 0;
        this.lossCount = 0;
        this.stepsBefore = 0;
        out.printf("[%d/%d] %s: %d epochs x %d steps%n", runIndex, runsTotal, runName, epochs, stepsPerEpoch);
    }

    @Override
    public void runResumed(String runName, int epoch, int step) {
        stepsBefore = (long) (epoch - 1) * stepsPerEpoch + step;
        out.printf("  resuming from the checkpoint after epoch %d, step %d%n", epoch, step);
    }

    @Override
    public void runSkipped(String runName, String reason) {
        runIndex++;
        out.printf("[%d/%d] %s: %s%n", runIndex, runsTotal, runName, reason);
    }

    @Override
    public void runFailed(String runName, String reason) {
        out.printf("  %s FAILED: %s; the suite goes on%n", runName, reason);
    }

    @Override
    public void step(String runName, int epoch, int step, double loss, int batchSize) {
        samples += batchSize;
        lossSum += loss;
        lossCount++;
        long now = System.nanoTime();
        if (now - lastPrint < INTERVAL_NANOS) {
            return;
        }
        lastPrint = now;
        double elapsed = (now - runStart) / 1e9;
        long done = (long) (epoch - 1) * stepsPerEpoch + step;
        long total = (long) epochs * stepsPerEpoch;
        double left = elapsed / Math.max(1, done - stepsBefore) * (total - done);
        out.printf(Locale.ROOT, "  epoch %d/%d step %d/%d loss %.4f %,.0f samples/s, %s left in this run%n",
                epoch, epochs, step, stepsPerEpoch, lossSum / lossCount, samples / elapsed, duration(left));
        lossSum = 0;
        lossCount = 0;
    }

    @Override
    public void epochEnded(String runName, int epoch, Map<String, Double> metrics) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  epoch %d/%d done", epoch, epochs));
        metrics.forEach((k, v) -> line.append(String.format(Locale.ROOT, " %s %.4f", k, v)));
        line.append(String.format(Locale.ROOT, " (%s)", duration((System.nanoTime() - runStart) / 1e9)));
        out.println(line);
    }

    @Override
    public void runFinished(String runName, Map<String, Double> metrics) {
        out.printf(Locale.ROOT, "  %s finished in %s: top1 %.4f, 1-S %.4f%n", runName,
                duration((System.nanoTime() - runStart) / 1e9), metrics.getOrDefault("top1", Double.NaN),
                metrics.getOrDefault("stability", Double.NaN));
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60)
                : String.format("%dm%02ds", s / 60, s % 60);
    }
}
