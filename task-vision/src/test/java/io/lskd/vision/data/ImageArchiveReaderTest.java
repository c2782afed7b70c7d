package io.lskd.vision.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a split straight from a .tar.gz. The fixture cifar10-jpeg-sample.tar.gz holds the
 * 20-image sample folder as test/<class>/<file> (classes stored in reverse order), a README
 * and one train/ image with a 140-character GNU long name; made with Python's tarfile.
 */
class ImageArchiveReaderTest {

    @Test
    void theArchiveGivesTheSameSetAsTheUnpackedFolder() throws Exception {
        Path archive = Path.of(getClass().getResource("/cifar10-jpeg-sample.tar.gz").toURI());
        Path folder = Path.of(getClass().getResource("/cifar10-jpeg-sample").toURI());
        ImageSet fromArchive = ImageArchiveReader.read(archive, "test");
        ImageSet fromFolder = ImageFolderReader.read(folder);
        assertEquals(fromFolder.classNames(), fromArchive.classNames());
        assertArrayEquals(fromFolder.labels(), fromArchive.labels());
        assertArrayEquals(fromFolder.pixels(), fromArchive.pixels());
        assertEquals(3, fromArchive.channels());
        assertEquals(fromFolder.withDerivation("x").fingerprint(), fromArchive.withDerivation("x").fingerprint());
    }

    @Test
    void longNamesAreFollowedAndOtherSplitsLeftOut() throws Exception {
        Path archive = Path.of(getClass().getResource("/cifar10-jpeg-sample.tar.gz").toURI());
        ImageSet train = ImageArchiveReader.read(archive, "train");
        assertEquals(List.of("airplane"), train.classNames());
        assertEquals(1, train.size());
    }

    @Test
    void aMissingSplitAndABrokenArchiveAreNamed(@TempDir Path dir) throws Exception {
        Path archive = Path.of(getClass().getResource("/cifar10-jpeg-sample.tar.gz").toURI());
        DatasetFileException none = assertThrows(DatasetFileException.class,
                () -> ImageArchiveReader.read(archive, "valid"));
        assertTrue(none.getMessage().contains("no valid/<class>/<image>"), none.getMessage());
        byte[] whole = Files.readAllBytes(archive);
        Path truncated = dir.resolve("cut.tar.gz");
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        DatasetFileException cut = assertThrows(DatasetFileException.class,
                () -> ImageArchiveReader.read(truncated, "test"));
        assertTrue(cut.getMessage().startsWith(truncated.toString()), cut.getMessage());
    }

    @Test
    void theCatalogReadsTheSharedCifarArchiveInPlace() throws Exception {
        Optional<Path> shared = TestData.sharedCifarArchive();
        assumeTrue(shared.isPresent(), "shared/data/cifar10-jpeg.tar.gz not found");
        DatasetCatalog catalog = new DatasetCatalog(shared.get().getParent(), null, List.of());
        ImageSet test = catalog.load("cifar-10", Split.TEST);
        assertEquals(10_000, test.size());
        assertEquals(List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship",
                "truck"), test.classNames());
        assertEquals(32, test.height());
        assertEquals(3, test.channels());
        assertArrayEquals(new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}, test.classCounts());
        assertEquals("cifar-10 test (image folder)", test.derivation());
    }
}
