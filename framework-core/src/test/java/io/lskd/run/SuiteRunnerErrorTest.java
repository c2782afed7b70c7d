package io.lskd.run;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that dies with an Error (e.g. out of native memory) stops the suite with its name, not silently. */
class SuiteRunnerErrorTest {

    @TypeName("error-task")
    record ErrorTaskSpec() implements TaskSpec {
    }

    @TypeName("error-model")
    record ErrorModelSpec() implements ModelSpec {
    }

    /** A task whose training fails as JavaCPP does when resident memory passes its limit. */
    public static final class ErrorTask implements TaskAdapter, TaskSession {
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
            return "a task whose training runs out of memory";
        }

        @Override
        public int trainSize() {
            return 10;
        }

        @Override
        public TrainedModel train(ArmSpec arm, TrainingSpec training, long initSeed, long dataSeed,
                                  TrainedModel teacher, TrainingMonitor monitor) {
            throw new OutOfMemoryError("Physical memory usage is too high: physicalBytes (9G) > maxPhysicalBytes (8G)");
        }

        @Override
        public Map<String, Double> evaluate(TrainedModel model, ArmSpec.Role role, TrainedModel teacher) {
            throw new AssertionError("never trained");
        }
    }

    @TempDir
    Path tmp;

    @Test
    void anErrorInARunStopsTheSuiteNamingTheRunAndTheError() {
        Registry registry = Registry.of(List.of(new CorePlugin(), new LskdPlugin() {
            @Override
            protected void configure() {
                registerTask(ErrorTaskSpec.class, ErrorTask.class);
                registerModel(ErrorModelSpec.class);
            }
        }), new Workspace(null));
        SuiteSpec suite = new SpecReader(registry.types()).read("""
                {"suite": "errors", "task": {"type": "error-task"}, "training": {"epochs": 1},
                 "arms": [{"name": "a", "model": {"type": "error-model"}},
                          {"name": "b", "model": {"type": "error-model"}}]}
                """, SuiteSpec.class);
        SuiteRunner runner = new SuiteRunner(registry, new RunListener() {
        }, new Parallelism(2, 1));
        RunFailedException e = assertThrows(RunFailedException.class, () -> runner.run(suite, tmp));
        assertTrue(e.getMessage().contains("OutOfMemoryError: Physical memory usage is too high"), e.getMessage());
        assertTrue(e.getMessage().contains("LSKD_MAXRSS") && e.getMessage().matches("(?s)run [ab] \\(seed 0\\).*"),
                e.getMessage());
    }
}
