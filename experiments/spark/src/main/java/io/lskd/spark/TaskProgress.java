package io.lskd.spark;

import io.lskd.run.StopRequest;
import io.lskd.spi.RunListener;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's progress inside a Spark task: logged on the executor (its stderr log), passed on to
 * the task's listeners (the caller's; with a Hadoop results folder, the one that sends the run's
 * files up), and turned into a stop request when Spark kills the task (the job was
 * cancelled, e.g. by Ctrl-C on the driver), so that the run writes a checkpoint and stops
 * instead of training on unseen.
 */
final class TaskProgress implements RunListener {

    private static final Logger LOG = LoggerFactory.getLogger(TaskProgress.class);

    private final TaskContext task;
    private final StopRequest stop;
    private final List<RunListener> extras;

    TaskProgress(TaskContext task, StopRequest stop, List<RunListener> extras) {
        this.task = task;
        this.stop = stop;
        this.extras = List.copyOf(extras);
    }

    @Override
    public void runStarted(String runName, int epochs, int stepsPerEpoch) {
        LOG.info("{}: training, {} epochs x {} steps (Spark task attempt {})", runName, epochs, stepsPerEpoch,
                task.attemptNumber());
        extras.forEach(x -> x.runStarted(runName, epochs, stepsPerEpoch));
    }

    @Override
    public void runResumed(String runName, int epoch, int step) {
        LOG.info("{}: resuming after epoch {}, step {}", runName, epoch, step);
        extras.forEach(x -> x.runResumed(runName, epoch, step));
    }

    @Override
    public void step(String runName, int epoch, int step, double loss, int batchSize) {
        if (task.isInterrupted() && stop.request()) {
            LOG.info("{}: Spark killed the task ({}); writing a checkpoint and stopping", runName,
                    task.getKillReason().isDefined() ? task.getKillReason().get() : "no reason given");
        }
        extras.forEach(x -> x.step(runName, epoch, step, loss, batchSize));
    }

    @Override
    public void checkpointWritten(String runName, int epoch, int step) {
        LOG.debug("{}: checkpoint after epoch {}, step {}", runName, epoch, step);
        extras.forEach(x -> x.checkpointWritten(runName, epoch, step));
    }

    @Override
    public void epochEnded(String runName, int epoch, Map<String, Double> metrics) {
        LOG.info("{}: epoch {} {}", runName, epoch, metrics);
        extras.forEach(x -> x.epochEnded(runName, epoch, metrics));
    }

    @Override
    public void runSkipped(String runName, String reason) {
        LOG.info("{}: skipped, {}", runName, reason);
        extras.forEach(x -> x.runSkipped(runName, reason));
    }

    @Override
    public void runFailed(String runName, String reason) {
        LOG.warn("{}: failed, {}", runName, reason);
        extras.forEach(x -> x.runFailed(runName, reason));
    }

    @Override
    public void runFinished(String runName, Map<String, Double> metrics) {
        LOG.info("{}: finished {}", runName, metrics);
        extras.forEach(x -> x.runFinished(runName, metrics));
    }
}
