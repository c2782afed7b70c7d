package io.lskd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lskd.graph.GraphDistiller;
import io.lskd.spi.LossValue;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Third-party plugins from jars of their own: the example projects under experiments/examples
 * are compiled and packed into jars here, and a fresh JVM runs lskd with a jar on its class
 * path, as the launcher puts the jars of its plugins folder there. Without the jar, lskd does
 * not know the plugin's names; with it, {@code lskd plugins} lists them and their suites run.
 */
class PluginJarsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private List<String> with(Path jar) {
        List<String> cp = new ArrayList<>(ExampleProjects.classPath());
        cp.add(jar.toString());
        return cp;
    }

    @Test
    void aDistillerPluginInItsOwnJarIsListedAndRunByTheSuiteThatNamesIt() throws Exception {
        Path jar = ExampleProjects.buildJar("reverse-kl-plugin", ExampleProjects.classPath(), tmp);
        String suite = ExampleProjects.ROOT.resolve("reverse-kl-plugin/suite.json").toString();

        ExampleProjects.Run without = ExampleProjects.java(ExampleProjects.classPath(), tmp, Main.class.getName(),
                "run", suite, "--out", tmp.resolve("runs").toString());
        assertEquals(Main.USAGE_ERROR, without.code(), without.err());
        assertTrue(without.err().contains("$.arms[1].distiller.type") && without.err().contains("unknown type"),
                without.err());

        ExampleProjects.Run plugins = ExampleProjects.java(with(jar), tmp, Main.class.getName(), "plugins");
        assertEquals(0, plugins.code(), plugins.err());
        assertTrue(plugins.out().contains("reverse-kl: Reverse-KL KD"), plugins.out());
        assertTrue(plugins.out().contains("temperature (Double, default 2.0, in (0, inf))"), plugins.out());

        ExampleProjects.Run run = ExampleProjects.java(with(jar), tmp, Main.class.getName(),
                "run", suite, "--out", tmp.resolve("runs").toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("| reverse-kl"), run.out());
        Path arm = runFolder(tmp.resolve("runs/reverse-kl-demo"), "reverse-kl_s0_");
        List<String> epochs = Files.readAllLines(arm.resolve("metrics.jsonl"));
        assertEquals(2, epochs.size());
        JsonNode last = JSON.readTree(epochs.get(1));
        assertEquals(last.get("train_loss").asDouble(), last.get("train_ce").asDouble() + last.get("train_rkl").asDouble(),
                1e-4, "each term is logged and they add up: " + last);
        double top1 = JSON.readTree(arm.resolve("result.json").toFile()).get("metrics").get("top1").asDouble();
        assertTrue(top1 > 0.4, "the reverse-KL student learns (10 classes, chance 0.1): " + top1);
    }

    @Test
    void aTaskAdapterPluginForTabularDataRunsItsSuiteOnTheBundledPenguins() throws Exception {
        Path jar = ExampleProjects.buildJar("tabular-task-plugin", ExampleProjects.classPath(), tmp);
        String suite = ExampleProjects.ROOT.resolve("tabular-task-plugin/suite.json").toString();
        ExampleProjects.Run plugins = ExampleProjects.java(with(jar), tmp, Main.class.getName(), "plugins");
        assertEquals(0, plugins.code(), plugins.err());
        assertTrue(plugins.out().contains("tabular: Tabular classification"), plugins.out());
        assertTrue(plugins.out().contains("mlp: Multilayer perceptron"), plugins.out());

        ExampleProjects.Run run = ExampleProjects.java(with(jar), tmp, Main.class.getName(),
                "run", suite, "--out", tmp.resolve("runs").toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("342 complete rows (2 left out for a missing value), train 274, test 68"),
                run.err());
        for (String name : List.of("teacher", "teacher-ls", "student", "kd", "kd-ls")) {
            JsonNode metrics = JSON.readTree(runFolder(tmp.resolve("runs/penguins"), name + "_s0_")
                    .resolve("result.json").toFile()).get("metrics");
            assertTrue(metrics.get("top1").asDouble() > 0.9, name + " separates three species: " + metrics);
        }
    }

    /** The plugin's reference maths and SameDiff graph pass the same checks as lskd's own distillers. */
    @Test
    void theDistillerPluginsGradientAndGraphAgreeWithItsReference() throws Exception {
        Path jar = ExampleProjects.buildJar("reverse-kl-plugin", ExampleProjects.classPath(), tmp);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            GraphDistiller rkl = (GraphDistiller) loader.loadClass("org.example.lskd.reversekl.ReverseKlDistiller")
                    .getConstructor(double.class, double.class).newInstance(2.0, 0.7);
            SplittableRandom random = new SplittableRandom(3);
            double[][] s = logits(random);
            double[][] t = logits(random);
            double[][] q = {{0.9, 0.05, 0.05}, {0.05, 0.9, 0.05}, {0.05, 0.05, 0.9}, {0.9, 0.05, 0.05}};
            LossValue reference = rkl.loss(s, t, q);
            double h = 1e-6;
            for (int i = 0; i < s.length; i++) {
                for (int c = 0; c < s[i].length; c++) {
                    double saved = s[i][c];
                    s[i][c] = saved + h;
                    double plus = rkl.loss(s, t, q).value();
                    s[i][c] = saved - h;
                    double minus = rkl.loss(s, t, q).value();
                    s[i][c] = saved;
                    assertEquals((plus - minus) / (2 * h), reference.gradient()[i][c], 1e-8, "[" + i + "][" + c + "]");
                }
            }
            DataType previous = Nd4j.dataType();
            Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
            try {
                SameDiff sd = SameDiff.create();
                SDVariable student = sd.var("s", Nd4j.createFromArray(s));
                SDVariable loss = rkl.lossGraph(sd, student, sd.constant("t", Nd4j.createFromArray(t)),
                        sd.constant("q", Nd4j.createFromArray(q)));
                loss.markAsLoss();
                assertEquals(reference.value(), sd.output(Map.of(), loss.name()).get(loss.name()).getDouble(0), 1e-12);
                double[][] gradient = sd.calculateGradients(Map.of(), "s").get("s").toDoubleMatrix();
                for (int i = 0; i < s.length; i++) {
                    for (int c = 0; c < s[i].length; c++) {
                        assertEquals(reference.gradient()[i][c], gradient[i][c], 1e-10);
                    }
                }
            } finally {
                Nd4j.setDefaultDataTypes(previous, previous);
            }
            assertThrows(java.lang.reflect.InvocationTargetException.class, () -> loader
                    .loadClass("org.example.lskd.reversekl.ReverseKlDistiller")
                    .getConstructor(double.class, double.class).newInstance(-1.0, 0.5));
        }
    }

    private static double[][] logits(SplittableRandom random) {
        double[][] z = new double[4][3];
        for (double[] row : z) {
            for (int c = 0; c < row.length; c++) {
                row[c] = 2 * random.nextGaussian();
            }
        }
        return z;
    }

    private static Path runFolder(Path suiteDir, String prefix) throws IOException {
        try (Stream<Path> runs = Files.list(suiteDir)) {
            return runs.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no run folder " + prefix + "* in " + suiteDir));
        }
    }
}
