package io.lskd.nmt.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lskd.nmt.NmtPlugin;
import io.lskd.nmt.model.TokenBatch;
import io.lskd.nmt.text.BpeTrainer;
import io.lskd.plugin.CorePlugin;
import io.lskd.plugin.Registry;
import io.lskd.plugin.Workspace;
import io.lskd.spec.SuiteSpec;
import io.lskd.spi.TrainingMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A finished translation model saved by the runner (model.sd and bpe.json) and reloaded by
 * {@link NmtSession#load} is the same model: same fingerprint, same teacher-forced logits to the
 * bit, same beam translations. A file that does not fit is refused, naming it.
 */
class NmtLoadTest {

    private static final String SUITE = """
            {"suite": "nmt-load", "seeds": [0],
             "task": {"type": "nmt", "trainLimit": 24, "testLimit": 4, "vocabSize": 400, "validBooks": ["II John"],
                      "beamSize": 2, "maxLengthA": 0, "maxLengthB": 5},
             "training": {"epochs": 1, "batchSize": 8, "learningRate": 0.003, "schedule": "constant"},
             "arms": [
               {"name": "teacher", "role": "teacher",
                "model": {"type": "transformer", "encoderLayers": 1, "decoderLayers": 1, "modelDim": 16,
                          "heads": 2, "ffnDim": 32, "dropout": 0.1}},
               {"name": "wider", "role": "teacher",
                "model": {"type": "transformer", "encoderLayers": 1, "decoderLayers": 1, "modelDim": 24,
                          "heads": 2, "ffnDim": 32, "dropout": 0.1}}]}
            """;
    private static final long INIT_SEED = 11;

    private static SuiteSpec suite;
    private static NmtSession session;
    private static NmtModel trained;

    @TempDir
    Path tmp;

    @BeforeAll
    static void trainOneEpoch(@TempDir Path folder) throws IOException {
        Registry registry = Registry.of(List.of(new CorePlugin(), new NmtPlugin()), new Workspace(null));
        suite = registry.reader().read(Files.writeString(folder.resolve("suite.json"), SUITE), SuiteSpec.class);
        session = (NmtSession) registry.task("nmt").open(suite.task());
        trained = (NmtModel) session.train(suite.arm("teacher"), suite.training(), INIT_SEED, 5, null,
                new TrainingMonitor() {
                    @Override
                    public void step(int epoch, int step, int stepsPerEpoch, double loss, int batchSize) {
                    }

                    @Override
                    public void epochEnded(int epoch, Map<String, Double> metrics) {
                    }
                });
    }

    private Path saved() throws IOException {
        Path file = tmp.resolve("teacher_s0").resolve("model.sd");
        trained.save(file);
        return file;
    }

    private NmtModel load(String arm, Path file) throws IOException {
        return (NmtModel) session.load(suite.arm(arm), suite.training(), INIT_SEED, file);
    }

    @Test
    void aReloadedModelGivesTheSameLogitsAndTranslations() throws IOException {
        NmtModel reloaded = load("teacher", saved());
        assertEquals(trained.fingerprint(), reloaded.fingerprint());
        assertEquals(trained.parameterCount(), reloaded.parameterCount());
        int[][] sources = Arrays.copyOf(session.trainSources(), 6);
        TokenBatch batch = new TokenBatch(sources, sources);
        double[][] before = trained.logits(batch);
        double[][] after = reloaded.logits(batch);
        assertEquals(before.length, after.length);
        for (int r = 0; r < before.length; r++) {
            assertArrayEquals(before[r], after[r], "logits of target token " + r);
        }
        int[][] expected = session.translate(trained, sources, 2, DecodingProgress.silent(sources));
        int[][] actual = session.translate(reloaded, sources, 2, DecodingProgress.silent(sources));
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], "translation of source " + i);
        }
    }

    @Test
    void aModelWithoutItsTokenizerIsRefused() throws IOException {
        Path file = saved();
        Files.delete(file.resolveSibling(NmtModel.TOKENIZER_FILE));
        IOException e = assertThrows(IOException.class, () -> load("teacher", file));
        assertTrue(e.getMessage().contains(file.resolveSibling("bpe.json").toString())
                && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void aModelOfAnotherVocabularyIsRefused() throws IOException {
        Path file = saved();
        BpeTrainer.train(List.of("otra cosa", "something else"), 24).save(file.resolveSibling(NmtModel.TOKENIZER_FILE));
        IOException e = assertThrows(IOException.class, () -> load("teacher", file));
        assertTrue(e.getMessage().contains("another subword vocabulary") && e.getMessage().contains(file.toString()),
                e.getMessage());
    }

    @Test
    void aModelOfAnotherArchitectureIsRefused() throws IOException {
        Path file = saved();
        IOException e = assertThrows(IOException.class, () -> load("wider", file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("embedding"), e.getMessage());
    }

    @Test
    void aDamagedModelFileIsRefusedNamingIt() throws IOException {
        Path file = saved();
        Files.write(file, new byte[] {1, 2, 3, 4});
        IOException e = assertThrows(IOException.class, () -> load("teacher", file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        Path missing = tmp.resolve("none").resolve("model.sd");
        Files.createDirectories(missing.getParent());
        trained.tokenizer().save(missing.resolveSibling(NmtModel.TOKENIZER_FILE));
        IOException none = assertThrows(IOException.class, () -> load("teacher", missing));
        assertTrue(none.getMessage().contains(missing.toString()), none.getMessage());
    }
}
