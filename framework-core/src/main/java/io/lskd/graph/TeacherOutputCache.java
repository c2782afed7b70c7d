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
 * <p>Files are {@code <sha256 of the key>.logits} ({@link ArrayFile}, float64, checksummed,
 * written atomically) whose header repeats the key; a damaged or mismatching file is computed
 * again and replaced.
 */
public final class TeacherOutputCache {

    private static final Logger LOG = LoggerFactory.getLogger(TeacherOutputCache.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOGITS = "logits";

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
        Map<String, String> key = new LinkedHashMap<>();
        key.put("teacher", teacherFingerprint);
        key.put("dataset", datasetFingerprint);
        key.put("transform", transform);
        String header;
        try {
            header = JSON.writeValueAsString(key);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON header", e);
        }
        Path file = fileFor(header);
        synchronized (FILE_LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new Object())) {
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            try {
                Files.createDirectories(folder);
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                    return readOrCompute(file, header, compute);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not lock the teacher-output cache file " + lockFile + ": "
                        + AtomicFiles.reason(e), e);
            }
        }
    }

    private static double[][] readOrCompute(Path file, String header, Supplier<double[][]> compute) {
        if (Files.isRegularFile(file)) {
            try {
                ArrayFile.Contents contents = ArrayFile.read(file);
                ArrayFile.Array stored = contents.arrays().get(LOGITS);
                if (contents.header().equals(header) && stored != null && stored.isDouble()
                        && stored.shape().length == 2) {
                    return unflatten(stored);
                }
                LOG.warn("{} does not hold the outputs it is named for; computing them again", file);
            } catch (IOException e) {
                LOG.warn("computing cached teacher outputs again: {}", e.getMessage());
            }
        }
        double[][] logits = compute.get();
        ArrayFile.write(file, header, Map.of(LOGITS, flatten(logits)));
        return logits;
    }

    /** Where the outputs of this key live. */
    Path fileFor(String header) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(header.getBytes(StandardCharsets.UTF_8));
            return folder.resolve(HexFormat.of().formatHex(hash) + ".logits");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
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
