package io.lskd.cli;

import io.lskd.config.ConfigException;
import io.lskd.plugin.Registry;
import io.lskd.spec.SuiteSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The bundled suites (resources listed in io/lskd/suites/index.txt) and suite files on disk. */
final class Suites {

    private static final String ROOT = "/io/lskd/suites/";

    private Suites() {
    }

    static List<String> bundledNames() throws IOException {
        return Arrays.stream(resource("index.txt").split("\n")).map(String::strip)
                .filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
    }

    /** Reads a bundled suite by name, or a suite file by path. */
    static SuiteSpec load(String nameOrPath, Registry registry) throws IOException {
        Path path = Path.of(nameOrPath);
        if (Files.isRegularFile(path)) {
            return registry.reader().read(path, SuiteSpec.class);
        }
        if (!bundledNames().contains(nameOrPath)) {
            throw new IllegalArgumentException("no suite file '" + nameOrPath + "' and no bundled suite of that name;"
                    + " bundled suites: " + bundledNames() + " (lskd suites lists them)");
        }
        try {
            return registry.reader().read(resource(nameOrPath + ".json"), SuiteSpec.class);
        } catch (ConfigException e) {
            throw new ConfigException("bundled suite " + nameOrPath, e.errors(), e);
        }
    }

    static String resource(String name) throws IOException {
        try (InputStream in = Suites.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IOException("bundled resource " + ROOT + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
