package io.lskd.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lskd.config.SpecReader;
import io.lskd.config.TypeName;
import io.lskd.plugin.CorePlugin;
import io.lskd.plugin.LskdPlugin;
import io.lskd.plugin.Registry;
import io.lskd.plugin.Workspace;
import io.lskd.spec.ArmSpec;
import io.lskd.spec.ModelSpec;
import io.lskd.spec.SuiteSpec;
import io.lskd.spec.TaskSpec;
import io.lskd.spec.TrainingSpec;
import io.lskd.spi.RunListener;
import io.lskd.spi.TaskAdapter;
import io.lskd.spi.TaskSession;
import io.lskd.spi.TrainedModel;
import io.lskd.spi.TrainingMonitor;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A suite does not keep every trained model in memory to its end: a finished teacher's students
 * train before the next seed's teachers, and once a model's students have finished nothing holds
 * it, so its graph and native buffers can go. Otherwise a 66-run suite holds every model and
 * passes the resident-memory limit.
 */
class ModelReleaseTest {

    @TypeName("release-task")
    record ReleaseTaskSpec() implements TaskSpec {
    }

    @TypeName("release-model")
    record ReleaseModelSpec() implements ModelSpec {
    }

    /** Weak references to every model trained, by run ("arm seed"). */
    static final Map<String, WeakReference<Model>> TRAINED = new ConcurrentHashMap<>();
    /** Runs in the order they started training. */
    static final List<String> STARTED = new CopyOnWriteArrayList<>();
    /** The seed-0 models still in memory when the suite's last run started training. */
    static volatile List<String> seedZeroAliveAtLastRun;

    record Model(String run, byte[] weight) implements TrainedModel {
        @Override
        public String fingerprint() {
            return run;
        }

        @Override
        public long parameterCount() {
            return weight.length;
        }

        @Override
        public void save(Path file) throws IOException {
            Files.write(file, weight);
        }
    }

    public static final class ReleaseTask implements TaskAdapter, TaskSession {
        @Override
        public TaskSession open(TaskSpec task) {
            return this;
        }

        @Override
        public String datasetFingerprint() {
            return "0";
        }

        @Override
        public String describe() {
            return "a task whose models are weakly tracked";
        }

        @Override
        public int trainSize() {
            return 10;
        }

        @Override
        public TrainedModel train(ArmSpec arm, TrainingSpec training, long initSeed, long dataSeed,
                                  TrainedModel teacher, TrainingMonitor monitor) {
            String run = arm.name() + " " + dataSeed;
            STARTED.add(run);
            if (run.equals("student 2")) {
                seedZeroAliveAtLastRun = stillReachable(List.of("teacher 0", "student 0"));
            }
            Model model = new Model(run, new byte[1 << 20]);
            TRAINED.put(run, new WeakReference<>(model));
            return model;
        }

        @Override
        public Map<String, Double> evaluate(TrainedModel model, ArmSpec.Role role, TrainedModel teacher) {
            return Map.of("top1", 0.5);
        }

        /** Which of the runs' models are reachable, after giving the collector up to 2 seconds. */
        private static List<String> stillReachable(List<String> runs) {
            List<String> alive = runs;
            for (int attempt = 0; attempt < 100 && !alive.isEmpty(); attempt++) {
                System.gc();
                LockSupport.parkNanos(20_000_000);
                alive = runs.stream().filter(run -> TRAINED.get(run).get() != null).toList();
            }
            return alive;
        }
    }

    @TempDir
    Path tmp;

    @Test
    void aModelIsReleasedOnceItsStudentsHaveFinished() throws IOException {
        Registry registry = Registry.of(List.of(new CorePlugin(), new LskdPlugin() {
            @Override
            protected void configure() {
                registerTask(ReleaseTaskSpec.class, ReleaseTask.class);
                registerModel(ReleaseModelSpec.class);
            }
        }), new Workspace(null));
        // seeding: the data seed of seed s is s, so runs are named "arm s"
        SuiteSpec suite = new SpecReader(registry.types()).read("""
                {"suite": "release", "task": {"type": "release-task"}, "training": {"epochs": 1},
                 "seeds": [0, 1, 2], "seeding": {"teacherInit": 0, "studentInit": 0, "dataOrder": 0},
                 "arms": [{"name": "teacher", "role": "teacher", "model": {"type": "release-model"}},
                          {"name": "student", "model": {"type": "release-model"}, "teacher": "teacher",
                           "distiller": {"type": "soft-target"}}]}
                """, SuiteSpec.class);
        new SuiteRunner(registry, new RunListener() {
        }, new Parallelism(1, 1)).run(suite, tmp);
        // One run at a time: a finished teacher's student goes before the next seed's teacher, so
        // at most one teacher waits in memory for its students.
        assertEquals(List.of("teacher 0", "student 0", "teacher 1", "student 1", "teacher 2", "student 2"), STARTED);
        assertEquals(List.of(), seedZeroAliveAtLastRun, "seed 0's models still held when the last run started");
    }
}
