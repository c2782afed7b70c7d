package io.lskd.cli;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The example projects under {@code experiments/examples/}, built the way a third party would
 * build them, without Maven: their sources compiled against lskd's class path and packed with
 * their resources into a jar of their own, which is then put on a fresh JVM's class path.
 */
final class ExampleProjects {

    /** experiments/examples, relative to the module folder that surefire runs in. */
    static final Path ROOT = Path.of("examples");

    private ExampleProjects() {
    }

    /** The test class path: surefire's full list (not its manifest-only booter jar). */
    static List<String> classPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(path.split(File.pathSeparator));
    }

    /**
     * Compiles {@code examples/<name>/src/main/java} against {@code classPath} into a jar with the
     * project's {@code src/main/resources}.
     */
    static Path buildJar(String name, List<String> classPath, Path workDir) throws IOException {
        Path project = ROOT.resolve(name);
        Path classes = Files.createDirectories(workDir.resolve(name + "-classes"));
        List<String> sources;
        try (Stream<Path> files = Files.walk(project.resolve("src/main/java"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).sorted().toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-d", classes.toString(),
                "-classpath", String.join(File.pathSeparator, classPath)));
        args.addAll(sources);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = javac.run(null, null, err, args.toArray(String[]::new));
        if (code != 0) {
            throw new IllegalStateException("example " + name + " does not compile:\n" + err);
        }
        Path jar = workDir.resolve(name + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            add(out, classes);
            Path resources = project.resolve("src/main/resources");
            if (Files.isDirectory(resources)) {
                add(out, resources);
            }
        }
        return jar;
    }

    private static void add(JarOutputStream out, Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            out.putNextEntry(new JarEntry(root.relativize(file).toString().replace(File.separatorChar, '/')));
            out.write(Files.readAllBytes(file));
            out.closeEntry();
        }
    }

    /** What a child JVM printed and its exit code. */
    record Run(int code, String out, String err) {
    }

    /**
     * Runs {@code mainClass} in a fresh JVM with exactly {@code classPath}. The limit is generous:
     * the suites take well under a minute on an idle 2-core machine, several on a shared one.
     */
    static Run java(List<String> classPath, Path workDir, String mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-Dorg.bytedeco.javacpp.maxbytes=2g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=4g",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dorg.slf4j.simpleLogger.log.io.lskd=info",
                "-cp", String.join(File.pathSeparator, classPath), mainClass));
        command.addAll(List.of(args));
        Path out = workDir.resolve("child-" + System.nanoTime() + ".out");
        Path err = workDir.resolve("child-" + System.nanoTime() + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("child JVM timed out: " + command);
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
