package io.lskd.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lskd.files.ArrayFile;
import io.lskd.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A frozen teacher's outputs on a whole split, kept on disk so that every student distilled
 * from it, in this process or a resumed one, reads them instead of running the teacher again.
 * The key is (teacher fingerprint, dataset fingerprint, transform): the parameters' SHA-256,
 * the data's SHA-256 (content, subset and normalisation), and a name for what was done to the
 * inputs (e.g. {@code "train/inference"}). Only deterministic outputs may be cached: a caller
 * with random augmentation must run the teacher on each augmented batch instead.
 *
 * <p>Two kinds of outputs: logits (a row of K values per sample) and token sequences (a
 * sequence-level teacher's decoded outputs, one id sequence of any length per sample). Files are
 * {@code <sha256 of the key>.logits} or {@code .sequences} ({@link ArrayFile}, float64,
 * checksummed, written atomically) whose header repeats the key; a damaged or mismatching file
 * is computed again and replaced.
 */
public final class TeacherOutputCache {

    private static final Logger LOG = LoggerFactory.getLogger(TeacherOutputCache.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOGITS = "logits";
    private static final String LENGTHS = "lengths";
    private static final String IDS = "ids";
    private static final String LOGITS_SUFFIX = ".logits";
    private static final String SEQUENCES_SUFFIX = ".sequences";
    private static final String PARTIAL_SUFFIX = ".sequences.partial";

    /**
     * One lock per cache file in this process: students of one teacher training at once must not
     * write the same temporary file together, and the second one then reads what the first stored.
     * Processes sharing the folder (tasks of a cluster executor) also take an operating-system lock
     * on {@code <file>.lock}, which the JVM grants to one thread of a process at a time.
     */
    private static final java.util.concurrent.ConcurrentHashMap<Path, Object> FILE_LOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Path folder;

    public TeacherOutputCache(Path folder) {
        this.folder = folder;
    }

    /** The cached outputs for the key, else {@code compute}'s, stored for next time. */
    public double[][] logits(String teacherFingerprint, String datasetFingerprint, String transform,
                             Supplier<double[][]> compute) {
        String header = header(teacherFingerprint, datasetFingerprint, transform);
        Path file = fileFor(header, LOGITS_SUFFIX);
        return locked(file, () -> readOrCompute(file, header, contents -> {
            ArrayFile.Array stored = contents.arrays().get(LOGITS);
            return stored != null && stored.isDouble() && stored.shape().length == 2 ? unflatten(stored) : null;
        }, compute, logits -> Map.of(LOGITS, flatten(logits))));
    }

    /**
     * The cached token sequences for the key (e.g. a teacher's beam translations of the training
     * sources), else {@code compute}'s, stored for next time; sequences may differ in length.
     */
    public int[][] sequences(String teacherFingerprint, String datasetFingerprint, String transform,
                             Supplier<int[][]> compute) {
        String header = header(teacherFingerprint, datasetFingerprint, transform);
        Path file = fileFor(header, SEQUENCES_SUFFIX);
        return locked(file, () -> readOrCompute(file, header, TeacherOutputCache::sequencesOf, compute,
                TeacherOutputCache::packed));
    }

    /**
     * Where a long computation of the sequences for this key (hours of beam search) keeps the
     * sequences it has so far, so that a run stopped or killed on the way continues from them.
     */
    public PartialSequences partialSequences(String teacherFingerprint, String datasetFingerprint, String transform) {
        String header = header(teacherFingerprint, datasetFingerprint, transform);
        return new PartialSequences(fileFor(header, PARTIAL_SUFFIX), header);
    }

    /**
     * The first sequences of a computation in progress, in the order it computes them, kept in
     * {@code <sha256 of the key>.sequences.partial} (written atomically, deleted once the whole
     * result is stored).
     */
    public static final class PartialSequences {

        private final Path file;
        private final String header;

        private PartialSequences(Path file, String header) {
            this.file = file;
            this.header = header;
        }

        /** The sequences kept so far; none when there is no file or it holds another key's. */
        public int[][] kept() {
            int[][] kept = stored(file, header, TeacherOutputCache::sequencesOf);
            return kept != null ? kept : new int[0][];
        }

        /** Replaces what is kept with {@code sequences}. */
        public void keep(int[][] sequences) {
            ArrayFile.write(file, header, packed(sequences));
        }

        /** Removes the file, once the whole result is stored. */
        public void delete() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete " + file + ": " + AtomicFiles.reason(e), e);
            }
        }
    }

    /**
     * Runs {@code work} holding the entry's lock: a monitor for the threads of this process and
     * an operating-system lock on {@code <entry>.lock} for other processes sharing the folder
     * (e.g. Spark tasks), so one computes while the others wait and then read.
     */
    private <T> T locked(Path file, Supplier<T> work) {
        synchronized (FILE_LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new Object())) {
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            try {
                Files.createDirectories(folder);
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                    return work.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not lock the teacher-output cache file " + lockFile + ": "
                        + AtomicFiles.reason(e), e);
            }
        }
    }

    private static String header(String teacherFingerprint, String datasetFingerprint, String transform) {
        Map<String, String> key = new LinkedHashMap<>();
        key.put("teacher", teacherFingerprint);
        key.put("dataset", datasetFingerprint);
        key.put("transform", transform);
        try {
            return JSON.writeValueAsString(key);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON header", e);
        }
    }

    /**
     * The stored value when {@code file} holds this key's entry (decode gives null when its arrays
     * do not fit), else the computed one, written for next time.
     */
    private static <T> T readOrCompute(Path file, String header, Function<ArrayFile.Contents, T> decode,
                                       Supplier<T> compute, Function<T, Map<String, ArrayFile.Array>> encode) {
        T stored = stored(file, header, decode);
        if (stored != null) {
            return stored;
        }
        T value = compute.get();
        ArrayFile.write(file, header, encode.apply(value));
        return value;
    }

    /**
     * What {@code file} holds when it is this key's entry, else null (no file; another key's, an
     * unreadable or a misfitting one, each with a warning, since the caller computes it again).
     */
    private static <T> T stored(Path file, String header, Function<ArrayFile.Contents, T> decode) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            ArrayFile.Contents contents = ArrayFile.read(file);
            T stored = contents.header().equals(header) ? decode.apply(contents) : null;
            if (stored == null) {
                LOG.warn("{} does not hold the outputs it is named for; computing them again", file);
            }
            return stored;
        } catch (IOException e) {
            LOG.warn("computing cached teacher outputs again: {}", e.getMessage());
            return null;
        }
    }

    /** Where the outputs of this key and kind live. */
    Path fileFor(String header, String suffix) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(header.getBytes(StandardCharsets.UTF_8));
            return folder.resolve(HexFormat.of().formatHex(hash) + suffix);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Sequences as their lengths and their ids end to end (ids are exact in float64). */
    private static Map<String, ArrayFile.Array> packed(int[][] sequences) {
        double[] lengths = new double[sequences.length];
        int total = 0;
        for (int i = 0; i < sequences.length; i++) {
            lengths[i] = sequences[i].length;
            total += sequences[i].length;
        }
        double[] ids = new double[total];
        int at = 0;
        for (int[] sequence : sequences) {
            for (int id : sequence) {
                ids[at++] = id;
            }
        }
        Map<String, ArrayFile.Array> arrays = new LinkedHashMap<>();
        arrays.put(LENGTHS, ArrayFile.Array.of(new long[] {lengths.length}, lengths));
        arrays.put(IDS, ArrayFile.Array.of(new long[] {ids.length}, ids));
        return arrays;
    }

    /** The sequences of a file written by {@link #packed}, or null when its arrays do not fit together. */
    private static int[][] sequencesOf(ArrayFile.Contents contents) {
        ArrayFile.Array lengths = contents.arrays().get(LENGTHS);
        ArrayFile.Array ids = contents.arrays().get(IDS);
        if (lengths == null || ids == null || !lengths.isDouble() || !ids.isDouble()) {
            return null;
        }
        int[][] out = new int[lengths.length()][];
        int at = 0;
        for (int i = 0; i < out.length; i++) {
            double length = lengths.doubles()[i];
            if (length < 0 || length != Math.rint(length) || at + length > ids.length()) {
                return null;
            }
            out[i] = new int[(int) length];
            for (int p = 0; p < out[i].length; p++) {
                out[i][p] = (int) ids.doubles()[at++];
            }
        }
        return at == ids.length() ? out : null;
    }

    private static ArrayFile.Array flatten(double[][] rows) {
        int k = rows.length == 0 ? 0 : rows[0].length;
        double[] flat = new double[rows.length * k];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != k) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " outputs, row 0 has " + k);
            }
            System.arraycopy(rows[i], 0, flat, i * k, k);
        }
        return ArrayFile.Array.of(new long[] {rows.length, k}, flat);
    }

    private static double[][] unflatten(ArrayFile.Array stored) {
        int n = (int) stored.shape()[0];
        int k = (int) stored.shape()[1];
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = java.util.Arrays.copyOfRange(stored.doubles(), i * k, (i + 1) * k);
        }
        return out;
    }
}
