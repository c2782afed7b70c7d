package io.lskd.vision.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lskd.distill.HintonSpec;
import io.lskd.graph.TeacherOutputCache;
import io.lskd.plugin.Workspace;
import io.lskd.spec.ArmSpec;
import io.lskd.spec.TrainingSpec;
import io.lskd.spi.TrainingMonitor;
import io.lskd.vision.model.CnnSmallSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The teacher-output cache on real data: a distilled student stores its teacher's training-split
 * logits, which equal the teacher's freshly computed logits bit for bit, and a reloaded teacher
 * (as a resumed suite loads it) finds them; with augmentation nothing is cached.
 */
class TeacherOutputCacheVisionTest {

    @TempDir
    Path tmp;

    private static final TrainingSpec TRAINING = new TrainingSpec(1, 50, 0.003, "constant", "float32");
    private static final ArmSpec TEACHER = new ArmSpec("teacher", ArmSpec.Role.TEACHER, new CnnSmallSpec(), null, null,
            null);
    private static final ArmSpec STUDENT = new ArmSpec("kd", null, new CnnSmallSpec(), null,
            new HintonSpec(4.0, 1.0), "teacher");

    private static VisionSession open(boolean augmented) throws IOException {
        VisionTaskSpec spec = new VisionTaskSpec("fashion-mnist", null, 10, null, null, null, null, 500, false,
                augmented ? 2 : null, null);
        return (VisionSession) new VisionAdapter(new Workspace(null)).open(spec);
    }

    private static TrainingMonitor monitor(Path cache) {
        return new TrainingMonitor() {
            public void step(int epoch, int step, int stepsPerEpoch, double loss, int batchSize) {
            }

            public void epochEnded(int epoch, Map<String, Double> metrics) {
            }

            public Path teacherOutputFolder() {
                return cache;
            }
        };
    }

    private static List<Path> entries(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cache)) {
            return s.filter(p -> p.toString().endsWith(".logits")).toList();
        }
    }

    @Test
    void cachedTeacherOutputsEqualFreshOnesAndServeAReloadedTeacher() throws IOException {
        VisionSession session = open(false);
        Path cache = tmp.resolve("cache");
        VisionModel teacher = (VisionModel) session.train(TEACHER, TRAINING, 0, 10, null, monitor(null));
        session.train(STUDENT, TRAINING, 1000, 10, teacher, monitor(cache));
        assertEquals(1, entries(cache).size());

        Path saved = tmp.resolve("teacher.sd");
        teacher.save(saved);
        VisionModel reloaded = (VisionModel) session.load(TEACHER, TRAINING, 0, saved);
        assertEquals(teacher.fingerprint(), reloaded.fingerprint());
        double[][] fresh = session.trainLogits(reloaded.graph());
        double[][] cached = new TeacherOutputCache(cache).logits(reloaded.fingerprint(), session.datasetFingerprint(),
                VisionSession.TRAIN_TRANSFORM + 500, () -> {
                    throw new AssertionError("the reloaded teacher's outputs must come from the cache");
                });
        assertEquals(100, fresh.length);
        assertEquals(fresh.length, cached.length);
        for (int i = 0; i < fresh.length; i++) {
            assertArrayEquals(fresh[i], cached[i], "sample " + i);
        }
    }

    @Test
    void withAugmentationNothingIsCached() throws IOException {
        VisionSession session = open(true);
        Path cache = tmp.resolve("cache");
        VisionModel teacher = (VisionModel) session.train(TEACHER, TRAINING, 0, 10, null, monitor(null));
        session.train(STUDENT, TRAINING, 1000, 10, teacher, monitor(cache));
        assertTrue(entries(cache).isEmpty());
    }
}
