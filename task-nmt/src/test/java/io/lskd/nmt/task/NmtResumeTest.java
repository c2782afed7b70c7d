package io.lskd.nmt.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.lskd.graph.CheckpointFolder;
import io.lskd.graph.TeacherOutputCache;
import io.lskd.graph.TrainingInterruptedException;
import io.lskd.nmt.NmtPlugin;
import io.lskd.plugin.CorePlugin;
import io.lskd.plugin.Registry;
import io.lskd.plugin.Workspace;
import io.lskd.spec.ArmSpec;
import io.lskd.spec.SuiteSpec;
import io.lskd.spec.TrainingSpec;
import io.lskd.spi.TrainingMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A translation run stopped anywhere (a crash after any step, or a stop request) and resumed
 * from its checkpoints ends with the same bits as a run that never stopped: parameters, Adam,
 * the batch order, the partial epoch's loss and the dropout stream all restored, so every
 * epoch's figures and the final BLEU, chrF and NLL are equal too. On the bundled corpus's first
 * pairs, with a tiny Transformer (seconds).
 */
class NmtResumeTest {

    private static final String SUITE = """
            {"suite": "nmt-resume", "seeds": [0],
             "task": {"type": "nmt", "trainLimit": 30, "testLimit": 3, "vocabSize": 400, "validBooks": ["II John"],
                      "beamSize": 2, "maxLengthA": 0, "maxLengthB": 5, "evalBatchSize": 8},
             "training": {"epochs": 3, "batchSize": 8, "learningRate": 0.003, "schedule": "cosine",
                          "checkpointSteps": 3},
             "arms": [
               {"name": "teacher", "role": "teacher", "smoother": {"type": "uniform", "alpha": 0.1},
                "model": {"type": "transformer", "encoderLayers": 1, "decoderLayers": 1, "modelDim": 16,
                          "heads": 2, "ffnDim": 32, "dropout": 0.1}},
               {"name": "word-kd", "teacher": "teacher",
                "distiller": {"type": "word-kd", "temperature": 1.0, "alpha": 0.5, "topK": 4},
                "model": {"type": "transformer", "encoderLayers": 1, "decoderLayers": 1, "modelDim": 8,
                          "heads": 2, "ffnDim": 16, "dropout": 0.1}},
               {"name": "seq-kd", "teacher": "teacher", "distiller": {"type": "seq-kd", "beamSize": 2},
                "model": {"type": "transformer", "encoderLayers": 1, "decoderLayers": 1, "modelDim": 8,
                          "heads": 2, "ffnDim": 16, "dropout": 0.0}}]}
            """;
    private static final long INIT_SEED = 3;
    private static final long DATA_SEED = 10_007;

    private static SuiteSpec suite;
    private static NmtSession session;
    private static TrainingSpec training;
    private static ArmSpec teacherArm;
    private static int stepsPerEpoch;
    private static Trained reference;
    /** The uninterrupted run's checkpoint folder. */
    private static Path referenceFolder;

    @TempDir
    Path tmp;

    /** Records epochs and starts; crashes after a given step or asks to stop after it. */
    static final class Monitor implements TrainingMonitor {
        final Path folder;
        final Path cache;
        final int crashAfter;
        final int stopAfter;
        final Map<Integer, Map<String, Double>> epochs = new LinkedHashMap<>();
        final List<int[]> starts = new ArrayList<>();
        final List<String> notices = new ArrayList<>();
        int steps;
        int lastStep;

        Monitor(Path folder, Path cache, int crashAfter, int stopAfter) {
            this.folder = folder;
            this.cache = cache;
            this.crashAfter = crashAfter;
            this.stopAfter = stopAfter;
        }

        @Override
        public void step(int epoch, int step, int stepsPerEpoch, double loss, int batchSize) {
            steps++;
            lastStep = (epoch - 1) * stepsPerEpoch + step;
            if (lastStep == crashAfter) {
                throw new SimulatedCrash();
            }
        }

        @Override
        public void epochEnded(int epoch, Map<String, Double> metrics) {
            Map<String, Double> kept = new LinkedHashMap<>(metrics);
            kept.remove("train_tokens_per_s"); // a speed, measured by the clock
            epochs.put(epoch, kept);
        }

        @Override
        public Path checkpointFolder() {
            return folder;
        }

        @Override
        public Path teacherOutputFolder() {
            return cache;
        }

        @Override
        public boolean stopRequested() {
            return lastStep == stopAfter;
        }

        @Override
        public void startingAt(int epoch, int step) {
            starts.add(new int[] {epoch, step});
        }

        @Override
        public void notice(String message) {
            notices.add(message);
        }
    }

    static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash() {
            super("simulated crash");
        }
    }

    /** A trained model's parameters (bits), its epochs' figures and its final metrics. */
    record Trained(NmtModel model, Map<String, float[]> parameters, Map<Integer, Map<String, Double>> epochs,
                   Map<String, Double> metrics) {
    }

    @BeforeAll
    static void openTaskAndTrainTheReference(@TempDir Path folder) throws IOException {
        Registry registry = Registry.of(List.of(new CorePlugin(), new NmtPlugin()), new Workspace(null));
        Path file = Files.writeString(folder.resolve("suite.json"), SUITE);
        suite = registry.reader().read(file, SuiteSpec.class);
        session = (NmtSession) registry.task("nmt").open(suite.task());
        training = suite.training();
        teacherArm = suite.arm("teacher");
        stepsPerEpoch = training.stepsPerEpoch(session.trainSize());
        assertEquals(4, stepsPerEpoch, "30 pairs, batches of 8: " + session.describe());
        referenceFolder = folder.resolve("reference");
        reference = train(teacherArm, null, new Monitor(referenceFolder, null, -1, -1));
    }

    private static Trained train(ArmSpec arm, NmtModel teacher, Monitor monitor) {
        NmtModel model = (NmtModel) session.train(arm, training, INIT_SEED, DATA_SEED, teacher, monitor);
        return new Trained(model, bits(model), monitor.epochs, session.evaluate(model, arm.role(), teacher));
    }

    private static Map<String, float[]> bits(NmtModel model) {
        Map<String, float[]> out = new LinkedHashMap<>();
        model.graph().parameters().forEach((name, value) -> out.put(name, value.dup().data().asFloat()));
        return out;
    }

    private static void assertSameBits(Map<String, float[]> expected, Map<String, float[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, v) -> assertArrayEquals(v, actual.get(name), "parameter " + name));
    }

    private static int position(int[] start) {
        return (start[0] - 1) * stepsPerEpoch + start[1];
    }

    /**
     * 12 steps, checkpoints after steps 3, 4 (epoch end), 6, 8, 9 and 12: crashes on the step
     * whose checkpoint it prevents (none yet), right after an epoch-end checkpoint, mid-epoch and
     * on the very last step, resuming after each; dropout is on, so its stream must resume too.
     */
    @Test
    void aRunCrashedAgainAndAgainResumesToTheSameBits() {
        Path folder = tmp.resolve("crashed");
        Map<Integer, Map<String, Double>> epochs = new LinkedHashMap<>();
        int[] crashes = {3, 5, 11, 12};
        int[] expectedStarts = {0, 0, 4, 9};
        for (int i = 0; i < crashes.length; i++) {
            Monitor attempt = new Monitor(folder, null, crashes[i], -1);
            assertThrows(SimulatedCrash.class, () -> train(teacherArm, null, attempt),
                    "crash after step " + crashes[i]);
            assertEquals(expectedStarts[i], position(attempt.starts.get(0)), "resumed from the newest checkpoint");
            epochs.putAll(attempt.epochs);
            assertTrue(checkpointFiles(folder) <= 2, "the last two checkpoints are kept");
        }
        Monitor last = new Monitor(folder, null, -1, -1);
        Trained resumed = train(teacherArm, null, last);
        assertEquals(9, position(last.starts.get(0)), "the last checkpoint before step 12");
        assertEquals(3, last.steps, "only the steps after it are taken again");
        epochs.putAll(last.epochs);
        assertSameBits(reference.parameters(), resumed.parameters());
        assertEquals(reference.epochs(), epochs, "every epoch's loss, learning rate and validation figures");
        assertEquals(reference.metrics(), resumed.metrics(), "BLEU, chrF, NLL and token accuracy");
        assertEquals(reference.model().fingerprint(), resumed.model().fingerprint());
    }

    @Test
    void aStopRequestCheckpointsAfterTheCurrentStepAndResumesExactly() {
        Path folder = tmp.resolve("stopped");
        TrainingInterruptedException stop = assertThrows(TrainingInterruptedException.class,
                () -> train(teacherArm, null, new Monitor(folder, null, -1, 6)));
        assertEquals(2, stop.epoch());
        assertEquals(2, stop.step());
        assertTrue(stop.getMessage().contains("a checkpoint was written there"), stop.getMessage());
        Monitor resumed = new Monitor(folder, null, -1, -1);
        Trained trained = train(teacherArm, null, resumed);
        assertArrayEquals(new int[] {2, 2}, resumed.starts.get(0));
        assertSameBits(reference.parameters(), trained.parameters());
        assertEquals(reference.metrics(), trained.metrics());
    }

    @Test
    void aFinishedRunResumesToItsFinalStateWithoutTraining() {
        Monitor again = new Monitor(referenceFolder, null, -1, -1);
        Trained trained = train(teacherArm, null, again);
        assertEquals(0, again.steps, "no step is taken again");
        assertArrayEquals(new int[] {3, 4}, again.starts.get(0));
        assertSameBits(reference.parameters(), trained.parameters());
    }

    /** A word-level KD student (its teacher run on every batch, dropout on) crashed mid-epoch. */
    @Test
    void aWordKdStudentResumesToTheSameBits() {
        ArmSpec arm = armNamed("word-kd");
        Trained whole = train(arm, reference.model(), new Monitor(tmp.resolve("word-kd-whole"), null, -1, -1));
        Path folder = tmp.resolve("word-kd");
        assertThrows(SimulatedCrash.class, () -> train(arm, reference.model(), new Monitor(folder, null, 7, -1)));
        Monitor last = new Monitor(folder, null, -1, -1);
        Trained resumed = train(arm, reference.model(), last);
        assertEquals(6, position(last.starts.get(0)));
        assertSameBits(whole.parameters(), resumed.parameters());
        assertEquals(whole.metrics(), resumed.metrics());
    }

    /**
     * A sequence-level KD student keeps its teacher's beam translations of the training sources
     * in the teacher-output cache: they equal fresh ones, and a resumed student (with the teacher
     * reloaded as a new object, as in a new process) reads them instead of decoding again. (That
     * it also ends with the uninterrupted student's bits, NmtSuiteResumeTest checks.)
     */
    @Test
    void aSeqKdStudentReadsItsTeachersTranslationsFromTheCacheWhenResumed() throws IOException {
        ArmSpec arm = armNamed("seq-kd");
        Path cache = tmp.resolve("teacher-outputs");
        Path folder = tmp.resolve("seq-kd");
        assertThrows(SimulatedCrash.class, () -> train(arm, reference.model(), new Monitor(folder, cache, 5, -1)));
        int[][] fresh = session.translate(reference.model(), session.trainSources(), 2,
                DecodingProgress.silent(session.trainSources()));
        int[][] cached = new TeacherOutputCache(cache).sequences(reference.model().fingerprint(),
                session.datasetFingerprint(), session.trainTranslationsTransform(2),
                () -> fail("the translations were not cached under the session's key"));
        assertEquals(fresh.length, cached.length);
        for (int i = 0; i < fresh.length; i++) {
            assertArrayEquals(fresh[i], cached[i], "training source " + i);
        }
        Path entry;
        try (var files = Files.list(cache)) {
            entry = files.filter(p -> p.toString().endsWith(".sequences")).findFirst().orElseThrow();
        }
        Object written = Files.readAttributes(entry, java.nio.file.attribute.BasicFileAttributes.class).fileKey();

        Path saved = tmp.resolve("teacher-run").resolve("model.sd");
        reference.model().save(saved);
        NmtModel reloaded = (NmtModel) session.load(teacherArm, training, INIT_SEED, saved);
        Monitor last = new Monitor(folder, cache, -1, -1);
        Trained resumed = train(arm, reloaded, last);
        assertEquals(4, position(last.starts.get(0)));
        assertEquals(written, Files.readAttributes(entry, java.nio.file.attribute.BasicFileAttributes.class)
                .fileKey(), "the cache entry was read, not computed and written again");
        assertEquals(stepsPerEpoch * 3 - 4, last.steps, "the steps after the checkpoint");
        assertTrue(Double.isFinite(resumed.metrics().get("bleu")));
    }

    /**
     * A stop request while the teacher translates the training sources for a sequence-level KD
     * student keeps the batches decoded so far beside the teacher-output cache; the next attempt
     * (the teacher reloaded, as in a new process) decodes only the rest, its translations equal an
     * uninterrupted decoding's, and the partial file goes once the whole result is cached.
     */
    @Test
    void aStopWhileTheTeacherTranslatesKeepsTheBatchesDecoded() throws IOException {
        ArmSpec arm = armNamed("seq-kd");
        Path cache = tmp.resolve("teacher-outputs");
        Path folder = tmp.resolve("seq-kd");
        Path saved = tmp.resolve("teacher-run").resolve("model.sd");
        reference.model().save(saved);
        int sources = session.trainSources().length;
        Monitor stopping = new Monitor(folder, cache, -1, 0); // asks to stop before any training step
        TrainingInterruptedException stopped = assertThrows(TrainingInterruptedException.class,
                () -> train(arm, (NmtModel) session.load(teacherArm, training, INIT_SEED, saved), stopping));
        assertTrue(stopped.getMessage().contains("the 8 of " + sources + " decoded are kept"), stopped.getMessage());
        Path partial;
        try (var files = Files.list(cache)) {
            partial = files.filter(p -> p.toString().endsWith(".sequences.partial")).findFirst().orElseThrow();
        }
        Monitor again = new Monitor(folder, cache, -1, -1);
        Trained trained = train(arm, (NmtModel) session.load(teacherArm, training, INIT_SEED, saved), again);
        assertTrue(again.notices.stream().anyMatch(n -> n.endsWith("continuing after the 8 kept from an earlier attempt")),
                again.notices.toString());
        assertFalse(Files.exists(partial), "the partial file is removed once the translations are cached");
        int[][] fresh = session.translate(reference.model(), session.trainSources(), 2,
                DecodingProgress.silent(session.trainSources()));
        int[][] cached = new TeacherOutputCache(cache).sequences(reference.model().fingerprint(),
                session.datasetFingerprint(), session.trainTranslationsTransform(2),
                () -> fail("the translations were not cached under the session's key"));
        for (int i = 0; i < sources; i++) {
            assertArrayEquals(fresh[i], cached[i], "training source " + i);
        }
        assertTrue(Double.isFinite(trained.metrics().get("bleu")));
    }

    @Test
    void aCheckpointOfAnotherRunIsRefused() {
        Path folder = referenceFolder;
        IllegalStateException seed = assertThrows(IllegalStateException.class, () -> session.train(teacherArm,
                training, INIT_SEED, DATA_SEED + 1, null, new Monitor(folder, null, -1, -1)));
        assertTrue(seed.getMessage().contains("data seed") && seed.getMessage().contains(folder.toString()),
                seed.getMessage());
        IllegalStateException model = assertThrows(IllegalStateException.class, () -> session.train(
                armNamed("word-kd"), training, INIT_SEED, DATA_SEED, reference.model(),
                new Monitor(folder, null, -1, -1)));
        assertTrue(model.getMessage().contains(folder.toString()) && model.getMessage().contains("another model"),
                model.getMessage());
    }

    /** Each checkpoint holds the dropout stream, and no more than the last two are kept. */
    @Test
    void checkpointsAreTheCoreFilesWithTheDropoutStream() throws IOException {
        Path folder = referenceFolder;
        try (var files = Files.list(folder)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("step-0000000009.ckpt", "step-0000000012.ckpt"), names);
        }
        var checkpoint = new CheckpointFolder(folder).newest().orElseThrow();
        assertEquals(12, checkpoint.globalStep());
        assertEquals(java.util.Set.of(NmtTrainer.DROPOUT), checkpoint.components().keySet());
        assertEquals(reference.model().dropout().saveState().keySet(),
                checkpoint.components().get(NmtTrainer.DROPOUT).keySet());
    }

    /** The dropout stream's saved state, restored into a stream of another seed, draws the same masks. */
    @Test
    void theDropoutStreamResumesWhereItWas() {
        DropoutStream stream = new DropoutStream(42);
        masks(stream, 3);
        Map<String, double[]> state = stream.saveState();
        float[] next = masks(stream, 2);
        DropoutStream other = new DropoutStream(7);
        assertFalse(Arrays.equals(next, masks(new DropoutStream(7), 2)), "another seed draws other masks");
        other.restoreState(state);
        assertArrayEquals(next, masks(other, 2));
        assertThrows(IllegalArgumentException.class, () -> other.restoreState(Map.of("root", new double[] {1, 2})));
    }

    /** The last of {@code n} masks of 64 x 16, drawn as a training step draws them. */
    private static float[] masks(DropoutStream stream, int n) {
        INDArray mask = null;
        for (int i = 0; i < n; i++) {
            mask = Nd4j.createUninitialized(DataType.FLOAT, 64, 16);
            Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, 0.9), stream.random());
        }
        return mask.data().asFloat();
    }

    private static long checkpointFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (var files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".ckpt")).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ArmSpec armNamed(String name) {
        return suite.arm(name);
    }
}
