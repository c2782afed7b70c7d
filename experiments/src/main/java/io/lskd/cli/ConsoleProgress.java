package io.lskd.cli;

import io.lskd.run.Durations;
import io.lskd.spec.SuiteSpec;
import io.lskd.spi.RunListener;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Progress on stderr: for each run a status line at most every two seconds (epoch, step,
 * loss, samples/s, time left in the run) and a line per finished epoch, each naming the run,
 * since runs of a suite may train at the same time. Results go to stdout. Thread-safe.
 */
final class ConsoleProgress implements RunListener {

    private static final long INTERVAL_NANOS = 2_000_000_000L;

    /** The metrics a finished run's line shows, those the task reports, by key and label. */
    private static final Map<String, String> HEADLINES = orderedHeadlines();

    private final PrintStream out;
    private final Map<String, RunProgress> runs = new HashMap<>();
    private int runsTotal;
    private int runsStarted;

    /** One run's counters since its start and since its last status line. */
    private static final class RunProgress {
        final int epochs;
        final int stepsPerEpoch;
        final long start = System.nanoTime();
        long lastPrint = start;
        long samples;
        double lossSum;
        int lossCount;
        /** Steps done before this process started the run (it resumed from a checkpoint). */
        long stepsBefore;

        RunProgress(int epochs, int stepsPerEpoch) {
            this.epochs = epochs;
            this.stepsPerEpoch = stepsPerEpoch;
        }

        double elapsedSeconds() {
            return (System.nanoTime() - start) / 1e9;
        }
    }

    ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void notice(String message) {
        out.println(message);
    }

    @Override
    public synchronized void suiteStarted(SuiteSpec suite, String data, int runs) {
        this.runsTotal = runs;
        out.printf("suite %s: %d runs (%d tasks x %d arms x seeds %s)%n  data: %s%n", suite.suite(), runs,
                1 + suite.variants().size(), suite.arms().size(), suite.seeds(), data.replace("\n", "\n  data: "));
    }

    @Override
    public synchronized void estimated(Map<String, Double> secondsPerArm, double totalSeconds) {
        StringBuilder line = new StringBuilder("  time estimate per run (training, and any teacher translations it needs first, from a few"
                + " timed steps per model):");
        secondsPerArm.forEach((arm, s) -> line.append(' ').append(arm).append(' ').append(Durations.format(s)).append(','));
        line.setLength(line.length() - 1);
        out.println(line);
        out.printf("  about %s for the whole suite (every seed, runs trained at once counted)%n", Durations.format(totalSeconds));
    }

    @Override
    public synchronized void runStarted(String runName, int epochs, int stepsPerEpoch) {
        runs.put(runName, new RunProgress(epochs, stepsPerEpoch));
        out.printf("[%d/%d] %s: %d epochs x %d steps%n", ++runsStarted, runsTotal, runName, epochs, stepsPerEpoch);
    }

    @Override
    public synchronized void runResumed(String runName, int epoch, int step) {
        RunProgress run = runs.get(runName);
        if (run != null) {
            run.stepsBefore = (long) (epoch - 1) * run.stepsPerEpoch + step;
        }
        out.printf("  %s: resuming from the checkpoint after epoch %d, step %d%n", runName, epoch, step);
    }

    @Override
    public synchronized void runSkipped(String runName, String reason) {
        out.printf("[%d/%d] %s: %s%n", ++runsStarted, runsTotal, runName, reason);
    }

    @Override
    public synchronized void runFailed(String runName, String reason) {
        runs.remove(runName);
        out.printf("  %s FAILED: %s; the suite goes on%n", runName, reason);
    }

    @Override
    public synchronized void step(String runName, int epoch, int step, double loss, int batchSize) {
        RunProgress run = runs.get(runName);
        run.samples += batchSize;
        run.lossSum += loss;
        run.lossCount++;
        long now = System.nanoTime();
        if (now - run.lastPrint < INTERVAL_NANOS) {
            return;
        }
        run.lastPrint = now;
        double elapsed = run.elapsedSeconds();
        long done = (long) (epoch - 1) * run.stepsPerEpoch + step;
        long total = (long) run.epochs * run.stepsPerEpoch;
        double left = elapsed / Math.max(1, done - run.stepsBefore) * (total - done);
        out.printf(Locale.ROOT, "  %s: epoch %d/%d step %d/%d loss %.4f %,.0f samples/s, %s left in this run%n",
                runName, epoch, run.epochs, step, run.stepsPerEpoch, run.lossSum / run.lossCount,
                run.samples / elapsed, Durations.format(left));
        run.lossSum = 0;
        run.lossCount = 0;
    }

    @Override
    public synchronized void epochEnded(String runName, int epoch, Map<String, Double> metrics) {
        RunProgress run = runs.get(runName);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %s: epoch %d/%d done", runName, epoch,
                run.epochs));
        metrics.forEach((k, v) -> line.append(String.format(Locale.ROOT, " %s %.4f", k, v)));
        line.append(String.format(Locale.ROOT, " (%s)", Durations.format(run.elapsedSeconds())));
        out.println(line);
    }

    private static Map<String, String> orderedHeadlines() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("top1", "top1");
        out.put("stability", "1-S");
        out.put("bleu", "BLEU");
        out.put("chrf", "chrF");
        return out;
    }

    @Override
    public synchronized void runFinished(String runName, Map<String, Double> metrics) {
        RunProgress run = runs.remove(runName);
        // a resumed run's earlier processes are not timed here
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %s finished in %s%s", runName,
                Durations.format(run.elapsedSeconds()), run.stepsBefore > 0 ? " after resuming" : ""));
        String separator = ": ";
        for (Map.Entry<String, String> headline : HEADLINES.entrySet()) {
            Double value = metrics.get(headline.getKey());
            if (value != null) {
                line.append(separator).append(String.format(Locale.ROOT, "%s %.4f", headline.getValue(), value));
                separator = ", ";
            }
        }
        out.println(line);
    }
}
