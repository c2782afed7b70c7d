package io.lskd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script puts every jar of its plugins folder on the class path, and picks jemalloc's
 * settings per command. Checked with a stand-in for java that prints the command line it was
 * given (and MALLOC_CONF), so no jar needs building.
 */
class LauncherTest {

    @TempDir
    Path tmp;

    private static final Path JEMALLOC = Path.of("/usr/lib/x86_64-linux-gnu/libjemalloc.so.2");
    private static final String KEEP_PAGES = "MALLOC_CONF=thp:always,metadata_thp:always,dirty_decay_ms:-1,muzzy_decay_ms:-1";
    private static final String RETURN_PAGES =
            "MALLOC_CONF=thp:always,metadata_thp:always,dirty_decay_ms:10000,muzzy_decay_ms:0,oversize_threshold:0";

    private List<String> launch(Path home, String plugins) throws IOException, InterruptedException {
        return launch(home, plugins, "", List.of("plugins"));
    }

    private List<String> launch(Path home, String plugins, String jemalloc, List<String> lskdArgs)
            throws IOException, InterruptedException {
        return launch(home, plugins, jemalloc, lskdArgs, Map.of());
    }

    private List<String> launch(Path home, String plugins, String jemalloc, List<String> lskdArgs,
                                Map<String, String> environment) throws IOException, InterruptedException {
        Path fakeJava = tmp.resolve("fake-java");
        Files.writeString(fakeJava, "#!/usr/bin/env bash\nprintf '%s\\n' \"MALLOC_CONF=${MALLOC_CONF:-}\" \"$@\"\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("lskd").toString()));
        command.addAll(lskdArgs);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA", fakeJava.toString());
        builder.environment().put("LSKD_JEMALLOC", jemalloc);
        builder.environment().remove("MALLOC_CONF");
        builder.environment().put("LSKD_NATIVE", "generic");
        builder.environment().remove("LSKD_MAXRSS");
        builder.environment().putAll(environment);
        if (plugins == null) {
            builder.environment().remove("LSKD_PLUGINS");
        } else {
            builder.environment().put("LSKD_PLUGINS", plugins);
        }
        Process p = builder.redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }

    /** The MALLOC_CONF the stand-in for java was started with. */
    private static String mallocConf(List<String> output) {
        return output.stream().filter(line -> line.startsWith("MALLOC_CONF=")).findFirst().orElseThrow();
    }

    private Path installedLauncher() throws IOException {
        Path home = Files.createDirectories(tmp.resolve("lskd-home"));
        Files.copy(Path.of("lskd"), home.resolve("lskd"));
        Files.createDirectories(home.resolve("target"));
        Files.writeString(home.resolve("target/lskd.jar"), "");
        return home;
    }

    @Test
    void jarsInThePluginsFolderBesideTheLauncherJoinTheClassPath() throws Exception {
        Path home = installedLauncher();
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        Files.writeString(plugins.resolve("b-task.jar"), "");
        Files.writeString(plugins.resolve("a-distiller.jar"), "");
        Files.writeString(plugins.resolve("notes.txt"), "not a jar");
        List<String> args = launch(home, null);
        int cp = args.indexOf("-cp");
        assertTrue(cp >= 0, args.toString());
        assertEquals(home.resolve("target/lskd.jar") + ":" + plugins.resolve("a-distiller.jar") + ":"
                + plugins.resolve("b-task.jar"), args.get(cp + 1));
        assertEquals(List.of("io.lskd.cli.Main", "plugins"), args.subList(cp + 2, args.size()));
    }

    @Test
    void lskdPluginsNamesAnotherFolderAndAnEmptyOrMissingOneAddsNothing() throws Exception {
        Path home = installedLauncher();
        Path elsewhere = Files.createDirectories(tmp.resolve("my-plugins"));
        Files.writeString(elsewhere.resolve("x.jar"), "");
        List<String> args = launch(home, elsewhere.toString());
        assertEquals(home.resolve("target/lskd.jar") + ":" + elsewhere.resolve("x.jar"), args.get(args.indexOf("-cp") + 1));
        List<String> none = launch(home, tmp.resolve("no-such-folder").toString());
        assertEquals(home.resolve("target/lskd.jar").toString(), none.get(none.indexOf("-cp") + 1));
    }

    @Test
    void translationCommandsGetJemallocThatReturnsIdlePagesAndOthersOneThatKeepsThem() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(JEMALLOC), "jemalloc is not installed");
        Path home = installedLauncher();
        String jemalloc = JEMALLOC.toString();
        Path nmtSuite = tmp.resolve("my-translation.json");
        Files.writeString(nmtSuite, "{\"suite\": \"t\", \"task\": {\"type\": \"nmt\", \"corpus\": \"bible-es-en\"}}");
        Path visionSuite = tmp.resolve("my-vision.json");
        Files.writeString(visionSuite, "{\"suite\": \"v\", \"task\": {\"type\": \"vision\"}}");
        Path nmtRun = Files.createDirectories(tmp.resolve("runs/t/student_s0_abc"));
        Files.writeString(nmtRun.resolve("spec.json"), "{\"task\":{\"type\":\"nmt\"}}");

        assertEquals(RETURN_PAGES, mallocConf(launch(home, null, jemalloc, List.of("run", "nmt-kd", "--parallel", "1"))));
        assertEquals(RETURN_PAGES, mallocConf(launch(home, null, jemalloc, List.of("run", "--seeds", "0", nmtSuite.toString()))));
        assertEquals(RETURN_PAGES, mallocConf(launch(home, null, jemalloc, List.of("reproduce", nmtRun.toString()))));
        assertEquals(RETURN_PAGES, mallocConf(launch(home, null, jemalloc, List.of("bench", "--model", "transformer-teacher"))));
        assertEquals(RETURN_PAGES, mallocConf(launch(home, null, jemalloc, List.of("bench", "--json"))));
        assertEquals(KEEP_PAGES, mallocConf(launch(home, null, jemalloc, List.of("run", "vision-quick"))));
        assertEquals(KEEP_PAGES, mallocConf(launch(home, null, jemalloc, List.of("run", visionSuite.toString(), "--out", "runs"))));
        assertEquals(KEEP_PAGES, mallocConf(launch(home, null, jemalloc, List.of("bench", "--model", "resnet-small"))));
        assertEquals(KEEP_PAGES, mallocConf(launch(home, null, jemalloc, List.of("report", "nmt-kd"))));
    }

    @Test
    void theResidentLimitIs85PercentOfTheMachinesMemoryUnlessLskdMaxrssSetsIt() throws Exception {
        Path meminfo = Path.of("/proc/meminfo");
        Assumptions.assumeTrue(Files.isReadable(meminfo), "no /proc/meminfo");
        long memTotalKb = Files.readAllLines(meminfo).stream()
                .filter(line -> line.startsWith("MemTotal:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst().orElseThrow();
        Path home = installedLauncher();

        List<String> byDefault = launch(home, null, "", List.of("suites"));
        assertTrue(byDefault.contains("-Dorg.bytedeco.javacpp.maxphysicalbytes=" + memTotalKb * 85 / 100 / 1024 + "m"),
                String.join("\n", byDefault));
        List<String> set = launch(home, null, "", List.of("suites"), Map.of("LSKD_MAXRSS", "7g"));
        assertTrue(set.contains("-Dorg.bytedeco.javacpp.maxphysicalbytes=7g"), String.join("\n", set));
    }
}
