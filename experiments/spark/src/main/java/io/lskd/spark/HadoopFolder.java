package io.lskd.spark;

import io.lskd.files.ArrayFile;
import io.lskd.files.AtomicFiles;
import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonPathCapabilities;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.fs.StreamCapabilities;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.hadoop.util.VersionInfo;

/**
 * A folder on a Hadoop file system (HDFS, S3 through S3A, a disk through file://, ...) with
 * the whole-file operations that keeping a suite there needs, each safe against a writer that
 * dies midway: a reader finds the old file or the new one, never part of one.
 *
 * <p>How a file is replaced depends on the store. Where rename is a file system operation (HDFS,
 * a disk), the content goes to {@code <name>.<random>.tmp} beside the target and is renamed over
 * it ({@link FileContext} with OVERWRITE: one atomic step on HDFS; Hadoop's local file system
 * deletes the target, then renames, so a file:// target is absent for an instant). On an object
 * store (S3A declares {@link CommonPathCapabilities#ABORTABLE_STREAM}) rename is a copy, so the
 * object is written in place: an upload becomes visible only when complete, replacing the old
 * object at once. Files that several tasks may write with equal content (a teacher's cached outputs) are
 * only added: written when absent, a lost race keeping the first. Names inside the folder are
 * relative, with '/'.
 */
final class HadoopFolder implements Closeable {

    /** What an hdfs:// URI without a reachable name node lacks. */
    private static final String HDFS_HINT = "; name the name node (hdfs://namenode:8020/path) or set HADOOP_CONF_DIR"
            + " to the cluster's configuration (core-site.xml, hdfs-site.xml) where lskd and its tasks start";

    private final String uri;
    private final FileSystem fs;
    private final FileContext context;
    private final Path root;

    private HadoopFolder(String uri, FileSystem fs, FileContext context, Path root) {
        this.uri = uri;
        this.fs = fs;
        this.context = context;
        this.root = root;
    }

    /**
     * Opens the folder and checks that its file system answers, so that a wrong URI stops
     * before any data is read.
     *
     * @param uri as the user gave it (--out), e.g. hdfs://namenode:8020/runs
     * @param conf the Hadoop configuration (Spark's, with its spark.hadoop.* settings)
     * @throws IllegalArgumentException naming the URI and what is missing: the file system's jar,
     *     the cluster's configuration, or the store itself
     */
    static HadoopFolder open(String uri, Configuration conf) {
        String trimmed = uri.replaceAll("/+$", "");
        URI parsed;
        try {
            parsed = new URI(trimmed);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("--out " + uri + " is not a URI: " + e.getMessage(), e);
        }
        String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        FileSystem fs;
        try {
            // a new instance, not the JVM-wide cached one: this folder closes it, and settings given now apply
            fs = FileSystem.newInstance(parsed, conf);
        } catch (UnsupportedFileSystemException e) {
            throw new IllegalArgumentException("--out " + uri + ": no FileSystem for scheme " + scheme + ": "
                    + connectorHint(scheme), e);
        } catch (IOException | RuntimeException e) {
            if (e.getCause() instanceof ClassNotFoundException missing) {
                // the configuration names the class (Spark's defaults do for s3a), its jar is not there
                throw new IllegalArgumentException("--out " + uri + ": no FileSystem for scheme " + scheme + ": "
                        + connectorHint(scheme) + " (" + missing.getMessage() + ")", e);
            }
            throw new IllegalArgumentException("--out " + uri + ": cannot open its file system (" + e.getMessage()
                    + ")" + (scheme.equals("hdfs") ? HDFS_HINT : ""), e);
        }
        Path root;
        FileStatus status;
        try {
            root = fs.makeQualified(new Path(parsed));
            status = fs.exists(root) ? fs.getFileStatus(root) : null;
        } catch (IOException | RuntimeException e) {
            closeAfterFailure(fs, e);
            throw new IllegalArgumentException("--out " + uri + ": cannot reach it (" + e + ")"
                    + (scheme.equals("hdfs") ? HDFS_HINT : ""), e);
        }
        if (status != null && !status.isDirectory()) {
            IllegalArgumentException e = new IllegalArgumentException("--out " + uri + " is a file, not a folder");
            closeAfterFailure(fs, e);
            throw e;
        }
        FileContext context = null;
        try {
            if (!fs.hasPathCapability(root, CommonPathCapabilities.ABORTABLE_STREAM)) {
                context = fileContext(uri, root, conf);
            }
        } catch (IOException | RuntimeException e) {
            closeAfterFailure(fs, e);
            throw e instanceof IllegalArgumentException iae ? iae : new IllegalArgumentException("--out " + uri
                    + ": cannot ask its file system what it can do (" + e + ")", e);
        }
        return new HadoopFolder(trimmed, fs, context, root);
    }

    /** Where the connector of a file system scheme comes from, for the refusal of an unknown one. */
    private static String connectorHint(String scheme) {
        String hadoop = VersionInfo.getVersion();
        return switch (scheme) {
            case "s3a" -> "put hadoop-aws (" + hadoop + ", the Hadoop version of this Spark) and its AWS SDK"
                    + " (bundle) in --jars, e.g. spark-submit --packages org.apache.hadoop:hadoop-aws:" + hadoop;
            case "s3", "s3n" -> "Hadoop reads S3 through s3a://bucket/path (hadoop-aws and its AWS SDK in --jars)";
            case "gs" -> "put Google's Cloud Storage connector (gcs-connector, shaded) in --jars";
            case "abfs", "abfss", "wasb", "wasbs" -> "put hadoop-azure (" + hadoop + ") and its dependencies in --jars";
            default -> "put the jar of a Hadoop FileSystem for '" + scheme + "' in --jars, or name its class with"
                    + " --conf spark.hadoop.fs." + scheme + ".impl=CLASS";
        };
    }

    /** Renames with overwrite need Hadoop's FileContext, which each file system binds separately. */
    private static FileContext fileContext(String uri, Path root, Configuration conf) {
        try {
            return FileContext.getFileContext(root.toUri(), conf);
        } catch (UnsupportedFileSystemException e) {
            throw new IllegalArgumentException("--out " + uri + ": lskd replaces files there by an atomic rename,"
                    + " through Hadoop's FileContext, which has no binding for scheme " + root.toUri().getScheme()
                    + " (" + e.getMessage() + "); name it with --conf spark.hadoop.fs.AbstractFileSystem."
                    + root.toUri().getScheme() + ".impl=CLASS", e);
        }
    }

    /** The folder as the user named it. */
    String uri() {
        return uri;
    }

    /** A file or folder inside, as a URI for messages. */
    String uri(String name) {
        return uri + "/" + name;
    }

    private Path path(String name) {
        return new Path(root, name);
    }

    boolean exists(String name) throws IOException {
        return fs.exists(path(name));
    }

    /** Whether {@code name} is a folder with something in it. */
    boolean hasContent(String name) throws IOException {
        try {
            return fs.listStatus(path(name)).length > 0;
        } catch (FileNotFoundException e) {
            return false;
        }
    }

    /** The files under folder {@code name} (in its subfolders too), as names inside this folder; none when absent. */
    List<String> files(String name) throws IOException {
        List<String> out = new ArrayList<>();
        String prefix = root.toUri().getPath().replaceAll("/+$", "") + "/";
        try {
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(path(name), true);
            while (it.hasNext()) {
                String full = it.next().getPath().toUri().getPath();
                out.add(full.substring(prefix.length()));
            }
        } catch (FileNotFoundException e) {
            return List.of();
        }
        return out;
    }

    /** The names of the files directly in folder {@code name}; none when absent. */
    List<String> list(String name) throws IOException {
        try {
            return Arrays.stream(fs.listStatus(path(name))).filter(FileStatus::isFile)
                    .map(s -> name + "/" + s.getPath().getName()).toList();
        } catch (FileNotFoundException e) {
            return List.of();
        }
    }

    /** Copies file {@code name} to {@code local}, which appears whole (a unique temporary name, then a rename). */
    void download(String name, java.nio.file.Path local) throws IOException {
        Files.createDirectories(local.toAbsolutePath().getParent());
        java.nio.file.Path tmp = local.resolveSibling(local.getFileName() + "." + UUID.randomUUID()
                + AtomicFiles.TEMPORARY_SUFFIX);
        try (InputStream in = fs.open(path(name))) {
            Files.copy(in, tmp);
            Files.move(tmp, local, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The header of the lskd array file {@code name}, read without fetching its arrays. */
    String readArrayHeader(String name) throws IOException {
        try (InputStream in = fs.open(path(name))) {
            return ArrayFile.readHeader(in, uri(name));
        }
    }

    /** Writes {@code local} to {@code name}, replacing what was there; readers see the old file or the new. */
    void replace(java.nio.file.Path local, String name) throws IOException {
        Path target = path(name);
        if (context == null) {
            copy(local, target, true);
            return;
        }
        Path tmp = temporary(target);
        try {
            copy(local, tmp, false);
            context.rename(tmp, target, Options.Rename.OVERWRITE);
        } catch (IOException | RuntimeException e) {
            deleteAfterFailure(tmp, e);
            throw e;
        }
    }

    /**
     * Writes {@code local} to {@code name} unless a file is there already (another task wrote it
     * first: its content is kept).
     *
     * @return whether this call wrote it
     */
    boolean add(java.nio.file.Path local, String name) throws IOException {
        Path target = path(name);
        if (fs.exists(target)) {
            return false;
        }
        if (context == null) {
            copy(local, target, true); // a racing writer's object is equal; whichever lands last stays
            return true;
        }
        Path tmp = temporary(target);
        try {
            copy(local, tmp, false);
            context.rename(tmp, target, Options.Rename.NONE);
            return true;
        } catch (FileAlreadyExistsException e) {
            fs.delete(tmp, false);
            return false;
        } catch (IOException | RuntimeException e) {
            deleteAfterFailure(tmp, e);
            throw e;
        }
    }

    /** Deletes file {@code name} if it exists. */
    void delete(String name) throws IOException {
        fs.delete(path(name), false);
    }

    /** Renames folder {@code from} to {@code to} (on an object store: copies, then deletes). */
    void rename(String from, String to) throws IOException {
        if (!fs.rename(path(from), path(to))) {
            throw new IOException("the file system refused to rename " + uri(from) + " to " + uri(to));
        }
    }

    private static Path temporary(Path target) {
        return new Path(target.getParent(), target.getName() + "." + UUID.randomUUID() + AtomicFiles.TEMPORARY_SUFFIX);
    }

    /** Uploads a local file; on HDFS synced to the data nodes' disks before it is closed. */
    private void copy(java.nio.file.Path local, Path target, boolean overwrite) throws IOException {
        try (InputStream in = Files.newInputStream(local); FSDataOutputStream out = fs.create(target, overwrite)) {
            in.transferTo(out);
            if (out.hasCapability(StreamCapabilities.HSYNC)) {
                out.hsync();
            }
        }
    }

    /**
     * Removes the temporary file of a failed upload; a leftover one is never read, and the run's
     * next attempt removes those in its folder.
     */
    private void deleteAfterFailure(Path tmp, Exception cause) {
        try {
            fs.delete(tmp, false);
        } catch (IOException suppressed) {
            cause.addSuppressed(suppressed);
        }
    }

    private static void closeAfterFailure(FileSystem fs, Exception cause) {
        try {
            fs.close();
        } catch (IOException suppressed) {
            cause.addSuppressed(suppressed);
        }
    }

    /** Closes this folder's file system client. */
    @Override
    public void close() {
        try {
            fs.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not close the file system of " + uri + ": " + e.getMessage(), e);
        }
    }
}
