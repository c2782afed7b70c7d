package io.lskd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script puts every jar of its plugins folder on the class path. Checked with a
 * stand-in for java that prints the command line it was given, so no jar needs building.
 */
class LauncherTest {

    @TempDir
    Path tmp;

    private List<String> launch(Path home, String plugins) throws IOException, InterruptedException {
        Path fakeJava = tmp.resolve("fake-java");
        Files.writeString(fakeJava, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\"\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder builder = new ProcessBuilder("bash", home.resolve("lskd").toString(), "plugins");
        builder.environment().put("JAVA", fakeJava.toString());
        builder.environment().put("LSKD_JEMALLOC", "");
        builder.environment().put("LSKD_NATIVE", "generic");
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
}
