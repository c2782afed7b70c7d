package io.lskd.vision.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {
    @TempDir
    Path dir;

    /** 20 real CIFAR-10 test JPEGs (the first 2 by name per class of shared/data/cifar10-jpeg.tar.gz). */
    @Test
    void readsRealCifarJpegs() throws Exception {
        Path root = Path.of(getClass().getResource("/cifar10-jpeg-sample").toURI());
        ImageSet set = ImageFolderReader.read(root);
        assertEquals(20, set.size());
        assertEquals(32, set.height());
        assertEquals(32, set.width());
        assertEquals(3, set.channels());
        assertEquals(CifarBinaryReader.CIFAR10_CLASS_NAMES, set.classNames());
        assertArrayEquals(new int[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, set.classCounts());
        assertEquals(0, set.label(0));
        assertEquals(9, set.label(19));
        assertTrue(set.source().endsWith("cifar10-jpeg-sample"), set.source());
    }

    @Test
    void grayscaleImagesGiveOneChannelWithExactValues() throws IOException {
        BufferedImage gray = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(2, 1, 0, 17);
        gray.getRaster().setSample(0, 0, 0, 250);
        write("zero", "a.png", gray);
        write("one", "b.png", new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY));
        ImageSet set = ImageFolderReader.read(dir);
        assertEquals(1, set.channels());
        assertEquals(List.of("one", "zero"), set.classNames());
        assertEquals(1, set.label(1));
        assertEquals(17, set.pixel(1, 1, 2, 0));
        assertEquals(250, set.pixel(1, 0, 0, 0));
    }

    @Test
    void colourPngKeepsRgbAndGrayIsReplicatedBesideIt() throws IOException {
        BufferedImage rgb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(1, 0, 0x0A141E);
        BufferedImage gray = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(0, 1, 0, 99);
        write("a", "rgb.png", rgb);
        write("b", "gray.png", gray);
        ImageSet set = ImageFolderReader.read(dir);
        assertEquals(3, set.channels());
        assertEquals(10, set.pixel(0, 0, 1, 0));
        assertEquals(20, set.pixel(0, 0, 1, 1));
        assertEquals(30, set.pixel(0, 0, 1, 2));
        for (int c = 0; c < 3; c++) {
            assertEquals(99, set.pixel(1, 1, 0, c));
        }
    }

    @Test
    void mixedSizeNamesTheOddFileAndBothSizes() throws IOException {
        write("a", "1.png", new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB));
        Path odd = write("b", "2.png", new BufferedImage(5, 4, BufferedImage.TYPE_INT_RGB));
        String message = assertThrows(DatasetFileException.class, () -> ImageFolderReader.read(dir))
                .getMessage();
        assertTrue(message.startsWith(odd.toString()), message);
        assertTrue(message.contains("5x4") && message.contains("4x4"), message);
    }

    @Test
    void unreadableImageIsNamed() throws IOException {
        write("a", "1.png", new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB));
        Path bad = Files.writeString(dir.resolve("a").resolve("2.jpg"), "not a jpeg");
        String message = assertThrows(DatasetFileException.class, () -> ImageFolderReader.read(dir))
                .getMessage();
        assertTrue(message.startsWith(bad.toString()) && message.contains("JPEG or PNG"), message);
    }

    @Test
    void emptyClassFolderAndMissingRootAreNamed() throws IOException {
        write("a", "1.png", new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB));
        Path empty = Files.createDirectories(dir.resolve("b"));
        Files.writeString(empty.resolve("README.txt"), "ignored");
        String message = assertThrows(DatasetFileException.class, () -> ImageFolderReader.read(dir))
                .getMessage();
        assertTrue(message.startsWith(empty.toString()) && message.contains("no .jpg"), message);
        Path missing = dir.resolve("missing");
        message = assertThrows(DatasetFileException.class, () -> ImageFolderReader.read(missing))
                .getMessage();
        assertTrue(message.startsWith(missing.toString()) && message.contains("not found"), message);
    }

    private Path write(String classDir, String name, BufferedImage image) throws IOException {
        Path file = Files.createDirectories(dir.resolve(classDir)).resolve(name);
        assertTrue(ImageIO.write(image, "png", file.toFile()));
        return file;
    }
}
