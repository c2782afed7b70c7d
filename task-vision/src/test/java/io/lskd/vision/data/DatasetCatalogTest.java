package io.lskd.vision.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCatalogTest {
    @TempDir
    Path tmp;

    /** Writes a tiny fashion-mnist train split under root/fashion-mnist with n images. */
    private Path fashion(String root, int n) throws IOException {
        Path dir = tmp.resolve(root);
        TestData.writeIdxPair(dir.resolve("fashion-mnist"), "train", n, 10, n);
        return dir;
    }

    @Test
    void explicitDirBeatsEnvBeatsSystemBeatsBundled() throws IOException {
        Path explicit = fashion("explicit", 10);
        Path env = fashion("env", 20);
        Path system = fashion("system", 30);

        assertEquals(10, new DatasetCatalog(explicit, env.toString(), List.of(system))
                .load("fashion-mnist", Split.TRAIN).size());
        ImageSet fromEnv = new DatasetCatalog(null, env.toString(), List.of(system))
                .load("fashion-mnist", Split.TRAIN);
        assertEquals(20, fromEnv.size());
        assertTrue(fromEnv.source().contains("LSKD_DATA=" + env), fromEnv.source());
        assertEquals(30, new DatasetCatalog(null, " ", List.of(tmp.resolve("nothing"), system))
                .load("fashion-mnist", Split.TRAIN).size());
        // an explicit dir without the dataset falls through to the next location
        assertEquals(30, new DatasetCatalog(tmp.resolve("empty"), null, List.of(system))
                .load("fashion-mnist", Split.TRAIN).size());
        ImageSet bundled = new DatasetCatalog(null, null, List.of()).load("fashion-mnist", Split.TRAIN);
        assertEquals(20_000, bundled.size());
    }

    @Test
    void derivationNamesTheDatasetAndSourceTheFiles() throws IOException {
        Path explicit = fashion("explicit", 10);
        ImageSet set = new DatasetCatalog(explicit, null, List.of()).load("fashion-mnist", Split.TRAIN);
        assertEquals("fashion-mnist train", set.derivation());
        assertEquals(DatasetCatalog.FASHION_MNIST_CLASS_NAMES, set.classNames());
        assertTrue(set.source().contains(explicit.toString()) && set.source().contains("--data-dir"),
                set.source());
    }

    @Test
    void sameContentFromTwoPlacesHasOneFingerprint() throws IOException {
        Path a = fashion("a", 10);
        Path b = fashion("b", 10);
        ImageSet fromA = new DatasetCatalog(a, null, List.of()).load("fashion-mnist", Split.TRAIN);
        ImageSet fromB = new DatasetCatalog(null, b.toString(), List.of()).load("fashion-mnist", Split.TRAIN);
        assertEquals(fromA.fingerprint(), fromB.fingerprint());
    }

    @Test
    void incompleteDatasetIsAnErrorNotAFallThrough() throws IOException {
        Path explicit = fashion("explicit", 10);
        Files.delete(explicit.resolve("fashion-mnist/train-labels-idx1-ubyte.gz"));
        String message = assertThrows(DatasetFileException.class, () ->
                new DatasetCatalog(explicit, null, List.of()).load("fashion-mnist", Split.TRAIN))
                .getMessage();
        assertTrue(message.contains("train-labels-idx1-ubyte") && message.contains("not found"), message);
    }

    @Test
    void missingDatasetListsEverySearchedPlace() {
        Path explicit = tmp.resolve("data");
        Path env = tmp.resolve("env");
        Path system = tmp.resolve("sys");
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class, () ->
                new DatasetCatalog(explicit, env.toString(), List.of(system)).load("cifar-10", Split.TEST));
        String message = e.getMessage();
        for (Path root : List.of(explicit, env, system)) {
            assertTrue(message.contains(root.resolve("cifar-10-batches-bin").resolve("test_batch.bin").toString()),
                    message);
            assertTrue(message.contains(root.resolve("cifar-10/test").toString()), message);
            assertTrue(message.contains(root.resolve("cifar10-jpeg.tar.gz").toString()), message);
        }
        assertTrue(message.contains("--data-dir " + explicit), message);
        assertTrue(message.contains("LSKD_DATA=" + env), message);
        assertTrue(message.contains("bundled") && message.contains("never downloads"), message);
        assertEquals(3 * 5 + 1, e.searched().size());
    }

    @Test
    void missingWithoutDirOrEnvSaysSoAndHowToFix() {
        String message = assertThrows(DatasetNotFoundException.class, () ->
                new DatasetCatalog(null, null, List.of()).load("mnist", Split.TRAIN)).getMessage();
        assertTrue(message.contains("--data-dir: not given") && message.contains("LSKD_DATA: not set"),
                message);
        assertTrue(message.contains("set LSKD_DATA=<folder> or pass --data-dir <folder>"), message);
    }

    @Test
    void cifar10BinaryFolderIsFound() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("d/cifar-10-batches-bin"));
        Files.write(bin.resolve("test_batch.bin"), new byte[2 * 3073]);
        ImageSet set = new DatasetCatalog(tmp.resolve("d"), null, List.of()).load("cifar-10", Split.TEST);
        assertEquals(2, set.size());
        assertEquals("cifar-10 test", set.derivation());
        String message = assertThrows(DatasetFileException.class, () ->
                new DatasetCatalog(tmp.resolve("d"), null, List.of()).load("cifar-10", Split.TRAIN))
                .getMessage();
        assertTrue(message.contains("data_batch_1.bin") && message.contains("not found"), message);
    }

    @Test
    void aFolderPathServesAsTheDatasetName() throws Exception {
        Path folder = tmp.resolve("my-digits");
        TestData.writeIdxPair(folder, "t10k", 12, 4, 0);
        ImageSet set = new DatasetCatalog(null, null, List.of()).load(folder.toString(), Split.TEST);
        assertEquals(12, set.size());
        assertEquals(List.of("0", "1", "2", "3"), set.classNames());
        assertEquals("folder my-digits test", set.derivation());

        Path jpegs = Path.of(getClass().getResource("/cifar10-jpeg-sample").toURI()).getParent();
        String message = assertThrows(DatasetNotFoundException.class, () ->
                new DatasetCatalog(null, null, List.of()).load(jpegs.toString(), Split.TRAIN)).getMessage();
        assertTrue(message.contains(jpegs.resolve("train").toString()), message);
    }

    @Test
    void unknownNameThatIsNoFolderSaysWhatIsKnown() {
        String message = assertThrows(DatasetNotFoundException.class, () ->
                new DatasetCatalog(null, null, List.of()).load("imagenet", Split.TRAIN)).getMessage();
        assertTrue(message.contains("unknown dataset 'imagenet'") && message.contains("fashion-mnist"),
                message);
    }
}
