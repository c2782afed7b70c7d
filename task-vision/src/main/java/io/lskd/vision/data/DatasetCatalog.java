package io.lskd.vision.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds an image dataset split by name and reads it, never downloading anything.
 *
 * <p>Search order: an explicit data folder ({@code --data-dir}), then the folder in the
 * {@value #ENV_VAR} environment variable, then known system locations (Debian's
 * {@code dataset-fashion-mnist} installs {@code /usr/share/datasets/fashion-mnist}), then the
 * small real samples bundled in the jar under {@value #BUNDLED_ROOT}. The first location
 * where a split's files are present is read; if they are present but broken or incomplete
 * that is an error, not a reason to try the next location. Inside a data folder {@code D}:
 * <ul>
 *   <li>{@code fashion-mnist}, {@code mnist}: {@code D/<name>/train-images-idx3-ubyte[.gz]},
 *       {@code train-labels-idx1-ubyte[.gz]}, {@code t10k-...} for test;</li>
 *   <li>{@code cifar-10}: {@code D/cifar-10-batches-bin/} or
 *       {@code D/cifar-10/cifar-10-batches-bin/} (the binary version), or
 *       {@code D/cifar-10/train/<class>/*.jpg} and {@code test/...}, or the same tree packed as
 *       {@code D/cifar-10.tar.gz} or {@code D/cifar10-jpeg.tar.gz} (read in place);</li>
 *   <li>{@code cifar-100}: {@code D/cifar-100-binary/} or {@code D/cifar-100/cifar-100-binary/}
 *       ({@code train.bin}, {@code test.bin}, fine labels), or {@code D/cifar-100/train/<class>/};</li>
 *   <li>any other name is taken as a path to a dataset folder holding one of those layouts
 *       directly (IDX files, CIFAR batches, or {@code train/} and {@code test/} image trees).</li>
 * </ul>
 * Only Fashion-MNIST is bundled: its training split is the vision-quick recipe's subset (the
 * first {@value #BUNDLED_PER_CLASS} images of each class in file order), declared as such so
 * that its fingerprint equals {@code full.firstPerClass(2000)} of the full file; its test
 * split is the full test set.
 *
 * <p>The resulting set's derivation names the dataset and split (what the content is); its
 * source says where it was read from and which search step found it.
 */
public final class DatasetCatalog {
    /** Environment variable naming a data folder. */
    public static final String ENV_VAR = "LSKD_DATA";
    /** Classpath folder of the bundled samples. */
    public static final String BUNDLED_ROOT = "/io/lskd/vision/data/bundled/";
    /** Images per class in the bundled Fashion-MNIST training sample. */
    public static final int BUNDLED_PER_CLASS = 2000;
    /** Folders where system packages install datasets. */
    public static final List<Path> SYSTEM_LOCATIONS = List.of(Path.of("/usr/share/datasets"));

    /** Fashion-MNIST class names, index = label (Xiao et al. 2017). */
    public static final List<String> FASHION_MNIST_CLASS_NAMES = List.of("T-shirt/top",
            "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
            "Ankle boot");
    /** MNIST class names: the digits. */
    public static final List<String> MNIST_CLASS_NAMES = IdxReader.numberedClassNames(10);

    private static final Logger LOG = LoggerFactory.getLogger(DatasetCatalog.class);
    private static final Map<String, String> LAYOUT_HELP = Map.of(
            "fashion-mnist", "fashion-mnist/ with train-images-idx3-ubyte.gz, "
                    + "train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz",
            "mnist", "mnist/ with train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, "
                    + "t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz",
            "cifar-10", "cifar-10-batches-bin/ (the \"CIFAR-10 binary version\", extracted), "
                    + "or cifar-10/train/<class>/*.jpg and cifar-10/test/<class>/*.jpg (or that tree as cifar-10.tar.gz)",
            "cifar-100", "cifar-100-binary/ (the \"CIFAR-100 binary version\", extracted), "
                    + "or cifar-100/train/<class>/*.jpg and cifar-100/test/<class>/*.jpg");

    private final Path dataDir;
    private final String envDataDir;
    private final List<Path> systemLocations;

    /**
     * A catalog reading {@value #ENV_VAR} from the environment and searching
     * {@link #SYSTEM_LOCATIONS}.
     *
     * @param dataDir the explicit data folder ({@code --data-dir}), or null
     */
    public DatasetCatalog(Path dataDir) {
        this(dataDir, System.getenv(ENV_VAR), SYSTEM_LOCATIONS);
    }

    /**
     * A catalog with every search location given (for embedding and tests).
     *
     * @param dataDir         the explicit data folder, or null
     * @param envDataDir      the value of {@value #ENV_VAR}, or null/blank when unset
     * @param systemLocations folders searched after those two, in order
     */
    public DatasetCatalog(Path dataDir, String envDataDir, List<Path> systemLocations) {
        this.dataDir = dataDir;
        this.envDataDir = envDataDir == null || envDataDir.isBlank() ? null : envDataDir;
        this.systemLocations = List.copyOf(systemLocations);
    }

    /** The dataset names known without a path. */
    public static List<String> knownDatasets() {
        return List.of("fashion-mnist", "mnist", "cifar-10", "cifar-100");
    }

    /**
     * Finds and reads one split of a dataset.
     *
     * @param dataset a known name (see {@link #knownDatasets()}) or a path to a dataset folder
     * @throws DatasetNotFoundException if no location holds it, listing every place searched
     * @throws DatasetFileException     if the first location that holds it has a bad file
     */
    public ImageSet load(String dataset, Split split)
            throws DatasetFileException, DatasetNotFoundException {
        if (!knownDatasets().contains(dataset)) {
            return loadFolder(dataset, split);
        }
        List<String> searched = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        if (dataDir == null) {
            searched.add("--data-dir: not given");
        } else {
            steps.add(new Step("--data-dir " + dataDir, dataDir));
        }
        if (envDataDir == null) {
            searched.add(ENV_VAR + ": not set");
        } else {
            steps.add(new Step(ENV_VAR + "=" + envDataDir, Path.of(envDataDir)));
        }
        for (Path system : systemLocations) {
            steps.add(new Step("system location " + system, system));
        }
        for (Step step : steps) {
            for (DatasetLayout layout : layouts(dataset, step.root, split)) {
                searched.add(step.label + ": " + layout.describe());
                if (layout.present()) {
                    return read(layout, dataset, split, step.label);
                }
            }
        }
        DatasetLayout bundled = bundled(dataset, split);
        if (bundled == null) {
            searched.add("bundled samples (classpath " + BUNDLED_ROOT + "): none for " + dataset
                    + " (only fashion-mnist is bundled)");
        } else {
            searched.add("bundled sample: " + bundled.describe());
            if (bundled.present()) {
                return readBundled(bundled, dataset, split);
            }
        }
        throw notFound("dataset '" + dataset + "' (" + split.id() + " split) not found", searched,
                "Download " + dataset + " yourself and set " + ENV_VAR + "=<folder> or pass "
                        + "--data-dir <folder>, where <folder> holds " + LAYOUT_HELP.get(dataset)
                        + "; or give the dataset folder itself as the dataset name.");
    }

    /** One search location and how to name it. */
    private record Step(String label, Path root) {
    }

    private static List<DatasetLayout> layouts(String dataset, Path root, Split split) {
        String prefix = split == Split.TRAIN ? "train" : "t10k";
        return switch (dataset) {
            case "fashion-mnist" -> List.of(
                    DatasetLayout.idx(root.resolve(dataset), prefix, FASHION_MNIST_CLASS_NAMES));
            case "mnist" -> List.of(
                    DatasetLayout.idx(root.resolve(dataset), prefix, MNIST_CLASS_NAMES));
            case "cifar-10" -> List.of(
                    DatasetLayout.cifar10(root.resolve("cifar-10-batches-bin"), split),
                    DatasetLayout.cifar10(root.resolve("cifar-10").resolve("cifar-10-batches-bin"), split),
                    DatasetLayout.imageFolder(root.resolve("cifar-10").resolve(split.id())),
                    DatasetLayout.imageArchive(root.resolve("cifar-10.tar.gz"), split),
                    DatasetLayout.imageArchive(root.resolve("cifar10-jpeg.tar.gz"), split));
            case "cifar-100" -> List.of(
                    DatasetLayout.cifar100(root.resolve("cifar-100-binary"), split),
                    DatasetLayout.cifar100(root.resolve("cifar-100").resolve("cifar-100-binary"), split),
                    DatasetLayout.imageFolder(root.resolve("cifar-100").resolve(split.id())));
            default -> throw new IllegalStateException("no layouts for known dataset " + dataset);
        };
    }

    private static DatasetLayout bundled(String dataset, Split split) {
        if (!dataset.equals("fashion-mnist")) {
            return null;
        }
        String prefix = split == Split.TRAIN ? "fmnist-train-" + BUNDLED_PER_CLASS + "pc" : "t10k";
        return DatasetLayout.bundledIdx(BUNDLED_ROOT + dataset + "/", prefix,
                FASHION_MNIST_CLASS_NAMES);
    }

    private ImageSet loadFolder(String dataset, Split split)
            throws DatasetFileException, DatasetNotFoundException {
        Path dir = Path.of(dataset);
        if (!Files.isDirectory(dir)) {
            throw notFound("unknown dataset '" + dataset + "': neither a known name nor a folder",
                    List.of(dir.toAbsolutePath() + ": " + (Files.exists(dir) ? "not a folder" : "does not exist")),
                    "Use one of " + knownDatasets() + " or the path of a dataset folder.");
        }
        String prefix = split == Split.TRAIN ? "train" : "t10k";
        List<DatasetLayout> layouts = List.of(
                DatasetLayout.idx(dir, prefix, null),
                DatasetLayout.cifar10(dir, split),
                DatasetLayout.cifar10(dir.resolve("cifar-10-batches-bin"), split),
                DatasetLayout.cifar100(dir, split),
                DatasetLayout.cifar100(dir.resolve("cifar-100-binary"), split),
                DatasetLayout.imageFolder(dir.resolve(split.id())));
        List<String> searched = new ArrayList<>();
        for (DatasetLayout layout : layouts) {
            searched.add(layout.describe());
            if (layout.present()) {
                Path name = dir.toAbsolutePath().normalize().getFileName();
                return read(layout, "folder " + (name == null ? dir : name), split, "path " + dir);
            }
        }
        throw notFound("no " + split.id() + " split found in the dataset folder " + dir, searched,
                "A dataset folder holds IDX files (train-images-idx3-ubyte[.gz] ...), CIFAR binary "
                        + "files, or " + split.id() + "/<class>/<image> trees.");
    }

    private static ImageSet read(DatasetLayout layout, String dataset, Split split, String how)
            throws DatasetFileException {
        ImageSet set = layout.read();
        String format = layout instanceof DatasetLayout.ImageFolder || layout instanceof DatasetLayout.ImageArchive
                ? " (image folder)" : "";
        return set.withDerivation(dataset + " " + split.id() + format)
                .withSource(set.source() + " (found via " + how + ")");
    }

    private static ImageSet readBundled(DatasetLayout layout, String dataset, Split split)
            throws DatasetFileException {
        ImageSet set = read(layout, dataset, split, "the bundled sample");
        if (split != Split.TRAIN) {
            return set;
        }
        LOG.warn("No full {} download found; using the bundled training sample (the first {} "
                + "images per class, {} in all). Set {} or --data-dir for the full set.",
                dataset, BUNDLED_PER_CLASS, set.size(), ENV_VAR);
        return set.declaredFirstPerClass(BUNDLED_PER_CLASS);
    }

    private static DatasetNotFoundException notFound(String what, List<String> searched, String fix) {
        StringBuilder message = new StringBuilder(what).append(". Searched, in order:");
        for (String place : searched) {
            message.append("\n  - ").append(place);
        }
        message.append("\nlskd never downloads data. ").append(fix);
        return new DatasetNotFoundException(message.toString(), searched);
    }
}
