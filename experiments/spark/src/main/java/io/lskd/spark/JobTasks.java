package io.lskd.spark;

import java.util.HashSet;
import java.util.Set;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The tasks of one job group as Spark's listener bus reports them: which started and which
 * ended. After a cancellation the driver waits on it for the tasks still writing their
 * checkpoints. A killed task's end event comes only when its code has returned, while the job's
 * end comes at once, and the bus delivers events in order; so once the job's end has arrived,
 * every task that started is counted, and the job is quiet when as many have ended. (Spark's
 * status tracker, asked before, could report no running task while one still wrote.)
 */
final class JobTasks extends SparkListener {

    private static final String JOB_GROUP = "spark.jobGroup.id";

    private final String group;
    private final Set<Integer> jobs = new HashSet<>();
    private final Set<Integer> stages = new HashSet<>();
    private int started;
    private int ended;
    private boolean jobEnded;

    JobTasks(String group) {
        this.group = group;
    }

    @Override
    public synchronized void onJobStart(SparkListenerJobStart job) {
        if (job.properties() != null && group.equals(job.properties().getProperty(JOB_GROUP))) {
            jobs.add(job.jobId());
            for (Object stage : CollectionConverters.asJava(job.stageIds())) {
                stages.add((Integer) stage);
            }
        }
    }

    @Override
    public synchronized void onTaskStart(SparkListenerTaskStart task) {
        if (stages.contains(task.stageId())) {
            started++;
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd task) {
        if (stages.contains(task.stageId())) {
            ended++;
            notifyAll();
        }
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd job) {
        if (jobs.contains(job.jobId())) {
            jobEnded = true;
            notifyAll();
        }
    }

    /** Waits until the job has ended and every task of it that started has ended, or the time is up. */
    synchronized void awaitQuiet(long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!(jobEnded && ended >= started)) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }
}
