package io.lskd.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The software and machine a run executed on, for provenance.json: the lskd build (version, git
 * commit and whether the tree had uncommitted changes, recorded at build time), the ND4J
 * version and backend with the native library actually loaded (on Linux read from the process's
 * memory map, so it is what runs, not what was asked for; its folder names the variant, e.g.
 * linux-x86_64-onednn-avx512, whose library has oneDNN linked in), Java, the OS, the CPU and
 * the thread counts. Unknown values are written as "unknown", never guessed.
 */
public final class Environment {

    static final String UNKNOWN = "unknown";
    private static final Pattern VARIANT = Pattern.compile("/(linux|macosx|windows)-[a-z0-9_]+(-[a-z0-9-]+)?/");

    private Environment() {
    }

    /** The lskd build: version, commit, dirty (from io/lskd/build.properties, written by the build). */
    public static Map<String, String> build() {
        Properties p = new Properties();
        try (InputStream in = Environment.class.getResourceAsStream("/io/lskd/build.properties")) {
            if (in != null) {
                p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the bundled io/lskd/build.properties", e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("version", p.getProperty("version", UNKNOWN));
        out.put("commit", p.getProperty("commit", UNKNOWN));
        out.put("dirty", p.getProperty("dirty", UNKNOWN));
        return out;
    }

    /** Everything recorded about this process's environment. */
    public static Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("lskd", build());
        out.put("nd4j", nd4j());
        Map<String, Object> java = new LinkedHashMap<>();
        java.put("version", System.getProperty("java.version"));
        java.put("vendor", System.getProperty("java.vendor"));
        java.put("vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        out.put("java", java);
        Map<String, Object> os = new LinkedHashMap<>();
        os.put("name", System.getProperty("os.name"));
        os.put("version", System.getProperty("os.version"));
        os.put("arch", System.getProperty("os.arch"));
        out.put("os", os);
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("model", cpuModel());
        cpu.put("logicalCores", Runtime.getRuntime().availableProcessors());
        out.put("cpu", cpu);
        Map<String, Object> threads = new LinkedHashMap<>();
        String omp = System.getenv("OMP_NUM_THREADS");
        threads.put("OMP_NUM_THREADS", omp == null ? "unset" : omp);
        threads.put("nd4jMaxThreads", Nd4j.getEnvironment().maxThreads());
        out.put("threads", threads);
        return out;
    }

    private static Map<String, Object> nd4j() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", mavenVersion("org.nd4j", "nd4j-api"));
        out.put("backend", Nd4j.getBackend().getClass().getName());
        Properties info = Nd4j.getExecutioner().getEnvironmentInformation();
        out.put("blasVendor", info.getProperty("blas.vendor", UNKNOWN));
        List<String> libraries = loadedLibraries();
        String nativeLibrary = libraries.stream().filter(l -> l.contains("jnind4j")).findFirst().orElse(UNKNOWN);
        out.put("nativeLibrary", nativeLibrary);
        Matcher m = VARIANT.matcher(nativeLibrary);
        out.put("nativeVariant", m.find() ? m.group().replace("/", "") : UNKNOWN);
        String extension = System.getProperty("org.bytedeco.javacpp.platform.extension");
        out.put("platformExtensionRequested", extension == null || extension.isEmpty() ? "none" : extension);
        return out;
    }

    /** The version of a Maven artifact on the class path, from its pom.properties. */
    static String mavenVersion(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Nd4j.class.getResourceAsStream(resource)) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", UNKNOWN);
        } catch (IOException e) {
            return UNKNOWN;
        }
    }

    /** Shared libraries mapped into this process (Linux); empty elsewhere. */
    private static List<String> loadedLibraries() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return List.of();
        }
        try {
            return Files.readAllLines(maps).stream().map(l -> l.substring(l.lastIndexOf(' ') + 1))
                    .filter(l -> l.contains(".so")).distinct().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try {
                for (String line : Files.readAllLines(cpuinfo)) {
                    if (line.startsWith("model name")) {
                        return line.substring(line.indexOf(':') + 1).strip();
                    }
                }
            } catch (IOException e) {
                return UNKNOWN;
            }
        }
        return UNKNOWN;
    }
}
