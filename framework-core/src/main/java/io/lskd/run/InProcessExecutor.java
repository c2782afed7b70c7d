package io.lskd.run;

import io.lskd.graph.NativeThreads;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The default executor: trains runs on {@link Parallelism#runs()} threads of this process, a
 * distilled student as soon as its teacher of the same task and seed has finished (the
 * teacher's model handed over in memory). Of the runs ready to start, the earliest in the plan's
 * start order goes first, so a finished teacher's students start before the next seed's
 * teachers: only the teachers whose students are training are held in memory, and the runs of a
 * seed finish together. A run that diverges is recorded and the suite goes
 * on; any other failure (an unwritable folder, a stop request) lets the runs already training
 * finish (or checkpoint and stop), skips the runs not started, and is thrown.
 */
public final class InProcessExecutor implements SuiteExecutor {

    private final Parallelism parallelism;

    public InProcessExecutor(Parallelism parallelism) {
        this.parallelism = parallelism;
    }

    @Override
    public String describe() {
        return "in-process, " + parallelism.runs() + " run(s) at once, " + parallelism.threadsPerRun()
                + " thread(s) each";
    }

    @Override
    public int runsAtOnce() {
        return parallelism.runs();
    }

    @Override
    public int threadsPerRun() {
        return parallelism.threadsPerRun();
    }

    @Override
    public SuiteOutcome execute(SuitePlan plan) {
        RunExecution execution = new RunExecution(plan.listener(), plan.stop(), Map.of("parallelism",
                Map.of("runsAtOnce", parallelism.runs(), "threadsPerRun", parallelism.threadsPerRun())));
        NativeThreads.useForProcess(parallelism.threadsPerRun());
        ThreadPoolExecutor pool = new ThreadPoolExecutor(parallelism.runs(), parallelism.runs(), 0,
                TimeUnit.MILLISECONDS, new PriorityBlockingQueue<>(), runThreads());
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Map<RunRef, CompletableFuture<RunExecution.Outcome>> futures = new LinkedHashMap<>();
        try {
            int order = 0;
            for (PlannedRun run : plan.planned()) {
                Executor inStartOrder = inOrder(pool, order++);
                CompletableFuture<RunExecution.Outcome> future = run.teacherArm() == null
                        ? CompletableFuture.supplyAsync(() -> execute(execution, plan, run, null, failure), inStartOrder)
                        : futures.get(run.teacherRef()).thenApplyAsync(
                                teacher -> execute(execution, plan, run, teacher, failure), inStartOrder);
                futures.put(run.ref(), future);
            }
            List<RunResult> results = new ArrayList<>();
            List<RunFailure> failures = new ArrayList<>();
            // Each outcome holds its trained model, which only the run's students need: dropping the
            // future once read lets the model (graph, native buffers) go when its last student has
            // taken it, instead of every model of the suite staying in memory to the end.
            for (Iterator<CompletableFuture<RunExecution.Outcome>> pending = futures.values().iterator();
                 pending.hasNext(); ) {
                CompletableFuture<RunExecution.Outcome> future = pending.next();
                pending.remove();
                try {
                    RunExecution.Outcome outcome = future.join();
                    if (outcome.result() != null) {
                        results.add(outcome.result());
                    }
                    if (outcome.failure() != null) {
                        failures.add(outcome.failure());
                    }
                } catch (CompletionException | CancellationException e) {
                    // the first failure is rethrown below, once every started run has finished
                }
            }
            if (failure.get() != null) {
                throw failure.get();
            }
            return new SuiteOutcome(results, failures);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Skips, trains or resumes one run on a worker thread. After another run has failed hard
     * (or a stop was requested), runs not yet started are skipped, so the suite stops soon
     * while finished work stays.
     */
    private RunExecution.Outcome execute(RunExecution execution, SuitePlan plan, PlannedRun run,
                                         RunExecution.Outcome teacher, AtomicReference<RuntimeException> failure) {
        if (failure.get() != null) {
            throw new CancellationException("skipped after an earlier failure");
        }
        NativeThreads.useForThisThread(parallelism.threadsPerRun());
        try {
            return execution.run(plan.suite(), plan.suiteDir(), run, teacher);
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            throw e;
        } catch (Error e) { // not lost in the future: the suite stops with it, like with an exception
            String hint = e instanceof OutOfMemoryError // e.g. JavaCPP's resident-memory limit
                    ? " (the launcher's LSKD_HEAP and LSKD_MAXRSS raise the limits; --parallel 1 trains one run at"
                    + " a time)" : "";
            RunFailedException stopped = new RunFailedException("run " + run.name() + " stopped: " + e
                    + "; finished runs and the last checkpoint are kept" + hint, e);
            failure.compareAndSet(null, stopped);
            throw stopped;
        }
    }

    /** Submits to the pool with a rank: waiting tasks start lowest rank first. */
    private static Executor inOrder(ThreadPoolExecutor pool, int rank) {
        return task -> pool.execute(new Ranked(rank, task));
    }

    private record Ranked(int rank, Runnable task) implements Runnable, Comparable<Ranked> {
        @Override
        public void run() {
            task.run();
        }

        @Override
        public int compareTo(Ranked other) {
            return Integer.compare(rank, other.rank);
        }
    }

    private static ThreadFactory runThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "lskd-run-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
