package io.lskd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lskd.distill.DkdDistiller;
import io.lskd.distill.HintonDistiller;
import io.lskd.smooth.UniformSmoother;
import io.lskd.spi.LossValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lskd as a library: the example program experiments/examples/library-use is compiled against
 * lskd and run in a JVM whose class path has no Guice at all, and the coordinates its pom (and
 * the plugin examples' poms) depend on are the ones lskd installs under.
 */
class LibraryUseTest {

    @TempDir
    Path tmp;

    @Test
    void aProgramCallsSmoothersDistillersAndMetricsWithoutGuice() throws Exception {
        List<String> all = ExampleProjects.classPath();
        List<String> withoutGuice = all.stream().filter(p -> !Path.of(p).getFileName().toString().contains("guice"))
                .toList();
        assertTrue(withoutGuice.size() < all.size(), "Guice is on lskd's own class path, and left out here");
        Path jar = ExampleProjects.buildJar("library-use", withoutGuice, tmp);
        List<String> cp = new java.util.ArrayList<>(withoutGuice);
        cp.add(jar.toString());
        ExampleProjects.Run run = ExampleProjects.java(cp, tmp, "org.example.lskd.library.LibraryUse");
        assertEquals(0, run.code(), run.err());
        Map<String, Double> printed = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^([a-z0-9.]+)=(\\S+)$").matcher(run.out());
        while (m.find()) {
            printed.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        double[][] student = {{2.0, 0.5, -1.0}, {0.1, 1.2, 0.3}, {-0.4, 0.2, 1.9}};
        double[][] teacher = {{3.0, 0.0, -2.0}, {-1.0, 2.0, 0.5}, {0.3, -0.2, 2.4}};
        double[][] targets = new UniformSmoother(0.1).targets(new int[] {0, 1, 2}, 3);
        LossValue hinton = new HintonDistiller(4.0, 0.9).loss(student, teacher, targets);
        assertEquals(hinton.value(), printed.get("hinton"), 0.0);
        assertEquals(hinton.terms().get("kd"), printed.get("hinton.kd"), 0.0);
        assertEquals(hinton.gradient()[0][0], printed.get("hinton.grad00"), 0.0);
        assertEquals(new DkdDistiller(4.0, 1.0, 8.0, 1.0).loss(student, teacher, targets).value(), printed.get("dkd"), 0.0);
        assertEquals(1.0, printed.get("metric.top1"), 0.0, "the student's argmax is each label: " + run.out());
        for (String metric : List.of("metric.nll", "metric.ece", "metric.stability", "metric.confidence",
                "metric.agreement", "online.target00")) {
            assertTrue(printed.containsKey(metric), metric + " missing in:\n" + run.out());
        }
    }

    /** A user project names io.lskd:framework-core:0.1.0-SNAPSHOT; that is what mvn install puts in ~/.m2. */
    @Test
    void theExampleProjectsDependOnTheCoordinatesLskdInstallsUnder() throws IOException {
        String parent = Files.readString(Path.of("..", "pom.xml"));
        String core = Files.readString(Path.of("..", "framework-core", "pom.xml"));
        assertTrue(parent.contains("<groupId>io.lskd</groupId>") && parent.contains("<version>0.1.0-SNAPSHOT</version>"),
                "the parent's coordinates changed: update the examples and README.md");
        assertTrue(core.contains("<artifactId>framework-core</artifactId>"));
        String dependency = "<groupId>io.lskd</groupId>\\s*<artifactId>framework-core</artifactId>\\s*"
                + "<version>0.1.0-SNAPSHOT</version>";
        for (String example : List.of("library-use", "reverse-kl-plugin", "tabular-task-plugin")) {
            String pom = Files.readString(ExampleProjects.ROOT.resolve(example).resolve("pom.xml"));
            assertTrue(Pattern.compile(dependency).matcher(pom).find(), example + "/pom.xml: " + pom);
        }
    }
}
