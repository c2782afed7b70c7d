package io.lskd.vision.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One way a dataset split can lie on disk or on the classpath: the IDX pair of the MNIST
 * family, CIFAR binary batches, a class-per-folder image tree, or the bundled sample. The
 * {@link DatasetCatalog} asks each candidate whether it is {@linkplain #present() present}
 * and reads the first that is; a layout that is present but incomplete is an error, not a
 * reason to fall through to another location, so that a broken download is never silently
 * replaced by something else.
 */
interface DatasetLayout {
    /** What this layout looks for, as the user should see it in a "not found" listing. */
    String describe();

    /**
     * Whether this location holds the dataset at all, in any split (then the requested split
     * must be there and complete): a folder with only the test files is a broken download.
     */
    boolean present();

    /** Reads the split; derivation and source are set by the catalog. */
    ImageSet read() throws DatasetFileException;

    /** IDX files {@code <prefix>-images-idx3-ubyte[.gz]} and {@code <prefix>-labels-idx1-ubyte[.gz]}. */
    static DatasetLayout idx(Path dir, String prefix, List<String> classNames) {
        return new IdxFiles(dir, prefix, classNames);
    }

    /** CIFAR-10 binary batches in {@code dir} ({@code cifar-10-batches-bin}). */
    static DatasetLayout cifar10(Path dir, Split split) {
        List<String> names = split == Split.TRAIN
                ? List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
                "data_batch_4.bin", "data_batch_5.bin")
                : List.of("test_batch.bin");
        return new CifarFiles(dir, names, false);
    }

    /** CIFAR-100 binary files in {@code dir} ({@code cifar-100-binary}). */
    static DatasetLayout cifar100(Path dir, Split split) {
        return new CifarFiles(dir, List.of(split.id() + ".bin"), true);
    }

    /** A class-per-folder image tree rooted at {@code dir}. */
    static DatasetLayout imageFolder(Path dir) {
        return new ImageFolder(dir);
    }

    /** A {@code .tar.gz} of {@code train/<class>/<image>} and {@code test/...} entries, read in place. */
    static DatasetLayout imageArchive(Path file, Split split) {
        return new ImageArchive(file, split);
    }

    /** Gzipped IDX files bundled as classpath resources under {@code resourceDir}. */
    static DatasetLayout bundledIdx(String resourceDir, String prefix, List<String> classNames) {
        return new BundledIdx(resourceDir, prefix, classNames);
    }

    /** See {@link #idx}. */
    record IdxFiles(Path dir, String prefix, List<String> classNames) implements DatasetLayout {
        @Override
        public String describe() {
            return dir.resolve(prefix + "-images-idx3-ubyte[.gz]") + " + "
                    + prefix + "-labels-idx1-ubyte[.gz]";
        }

        @Override
        public boolean present() {
            for (String split : List.of("train", "t10k")) {
                for (String kind : List.of("images-idx3-ubyte", "labels-idx1-ubyte")) {
                    for (String suffix : List.of(".gz", "")) {
                        if (Files.isRegularFile(dir.resolve(split + "-" + kind + suffix))) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        @Override
        public ImageSet read() throws DatasetFileException {
            return IdxReader.read(require("images-idx3-ubyte"), require("labels-idx1-ubyte"),
                    classNames);
        }

        private Path find(String kind) {
            for (String suffix : List.of(".gz", "")) {
                Path file = dir.resolve(prefix + "-" + kind + suffix);
                if (Files.isRegularFile(file)) {
                    return file;
                }
            }
            return null;
        }

        private Path require(String kind) throws DatasetFileException {
            Path file = find(kind);
            if (file == null) {
                throw new DatasetFileException(dir.resolve(prefix + "-" + kind + "[.gz]").toString(),
                        "file not found, though other files of this dataset are in " + dir);
            }
            return file;
        }
    }

    /** See {@link #cifar10} and {@link #cifar100}. */
    record CifarFiles(Path dir, List<String> fileNames, boolean cifar100) implements DatasetLayout {
        @Override
        public String describe() {
            return dir.resolve(String.join(", ", fileNames)).toString();
        }

        @Override
        public boolean present() {
            List<String> anySplit = cifar100 ? List.of("train.bin", "test.bin")
                    : List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
                    "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin");
            return anySplit.stream().anyMatch(name -> Files.isRegularFile(dir.resolve(name)));
        }

        @Override
        public ImageSet read() throws DatasetFileException {
            List<Path> files = new ArrayList<>();
            for (String name : fileNames) {
                Path file = dir.resolve(name);
                if (!Files.isRegularFile(file)) {
                    throw new DatasetFileException(file.toString(), "file not found, though other "
                            + "CIFAR files are in " + dir + " (expected " + fileNames + ")");
                }
                files.add(file);
            }
            return cifar100
                    ? CifarBinaryReader.readCifar100(files, CifarBinaryReader.classNames(
                    dir.resolve("fine_label_names.txt"), CifarBinaryReader.CIFAR100_CLASS_NAMES))
                    : CifarBinaryReader.readCifar10(files, CifarBinaryReader.classNames(
                    dir.resolve("batches.meta.txt"), CifarBinaryReader.CIFAR10_CLASS_NAMES));
        }
    }

    /** See {@link #imageFolder}. */
    record ImageFolder(Path dir) implements DatasetLayout {
        @Override
        public String describe() {
            return dir.resolve("<class>/*.jpg|*.png").toString();
        }

        @Override
        public boolean present() {
            Path parent = dir.getParent();
            return Files.isDirectory(dir) || parent != null && (Files.isDirectory(
                    parent.resolve(Split.TRAIN.id())) || Files.isDirectory(parent.resolve(Split.TEST.id())));
        }

        @Override
        public ImageSet read() throws DatasetFileException {
            return ImageFolderReader.read(dir);
        }
    }

    /** See {@link #imageArchive}. */
    record ImageArchive(Path file, Split split) implements DatasetLayout {
        @Override
        public String describe() {
            return file + " (tar.gz holding " + split.id() + "/<class>/*.jpg)";
        }

        @Override
        public boolean present() {
            return Files.isRegularFile(file);
        }

        @Override
        public ImageSet read() throws DatasetFileException {
            return ImageArchiveReader.read(file, split.id());
        }
    }

    /** See {@link #bundledIdx}; reads the resources as streams, so it works from a shaded jar. */
    record BundledIdx(String resourceDir, String prefix, List<String> classNames)
            implements DatasetLayout {
        @Override
        public String describe() {
            return "classpath:" + resource("images-idx3-ubyte.gz");
        }

        @Override
        public boolean present() {
            return DatasetLayout.class.getResource(resource("images-idx3-ubyte.gz")) != null;
        }

        @Override
        public ImageSet read() throws DatasetFileException {
            String images = resource("images-idx3-ubyte.gz");
            String labels = resource("labels-idx1-ubyte.gz");
            try (InputStream imageStream = open(images); InputStream labelStream = open(labels)) {
                return IdxReader.read(imageStream, "classpath:" + images, labelStream,
                        "classpath:" + labels, classNames);
            } catch (DatasetFileException e) {
                throw e;
            } catch (IOException e) {
                throw new DatasetFileException("classpath:" + images, "cannot close: " + e, e);
            }
        }

        private String resource(String kind) {
            return resourceDir + prefix + "-" + kind;
        }

        private static InputStream open(String resource) throws DatasetFileException {
            InputStream in = DatasetLayout.class.getResourceAsStream(resource);
            if (in == null) {
                throw new DatasetFileException("classpath:" + resource,
                        "bundled resource missing from the jar");
            }
            return in;
        }
    }
}
