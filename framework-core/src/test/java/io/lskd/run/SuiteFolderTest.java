package io.lskd.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lskd.config.TypeName;
import io.lskd.spec.ArmSpec;
import io.lskd.spec.ModelSpec;
import io.lskd.spec.TaskSpec;
import io.lskd.spec.SuiteSpec;
import io.lskd.spec.TrainingSpec;
import io.lskd.spi.RunListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule that decides whether a re-run continues, starts, refuses or moves earlier results aside. */
public class SuiteFolderTest {

    private static final RunListener QUIET = new RunListener() { };
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @TypeName("test-task")
    public record TestTask(Integer size) implements TaskSpec {
    }

    @TypeName("test-model")
    public record TestModel(Integer width) implements ModelSpec {
    }

    private static SuiteSpec suite() {
        return new SuiteSpec("s", "a suite", List.of(0), null, new TestTask(10), new TrainingSpec(2, 8, 0.01, null,
                null), List.of(new ArmSpec("student", null, new TestModel(4), null, null, null)), List.of(), null);
    }

    private static SuiteSpec withTraining(SuiteSpec s, TrainingSpec training) {
        return new SuiteSpec(s.suite(), s.description(), s.seeds(), s.seeding(), s.task(), training, s.arms(),
                s.variants(), s.analysis());
    }

    @Test
    void anAbsentFolderStartsAndTheSameSuiteContinues() {
        Path dir = tmp.resolve("s");
        assertFalse(SuiteFolder.prepare(dir, suite(), ResumeMode.CONTINUE, QUIET));
        assertTrue(Files.isRegularFile(dir.resolve(SuiteFolder.SUITE_FILE)));
        assertTrue(SuiteFolder.prepare(dir, suite(), ResumeMode.CONTINUE, QUIET));
        assertTrue(SuiteFolder.prepare(dir, suite(), ResumeMode.RESUME, QUIET));
    }

    @Test
    void otherSeedsOrAnotherCheckpointIntervalStillContinue() {
        Path dir = tmp.resolve("s");
        SuiteFolder.prepare(dir, suite(), ResumeMode.CONTINUE, QUIET);
        assertTrue(SuiteFolder.prepare(dir, suite().withSeeds(List.of(0, 1, 2)), ResumeMode.CONTINUE, QUIET));
        TrainingSpec t = suite().training();
        TrainingSpec often = new TrainingSpec(t.epochs(), t.batchSize(), t.learningRate(), t.schedule(),
                t.precision(), 10);
        assertTrue(SuiteFolder.prepare(dir, withTraining(suite(), often), ResumeMode.CONTINUE, QUIET));
    }

    @Test
    void aDifferentDefinitionIsRefusedNamingTheFirstDifference() {
        Path dir = tmp.resolve("s");
        SuiteFolder.prepare(dir, suite(), ResumeMode.CONTINUE, QUIET);
        TrainingSpec t = suite().training();
        SuiteSpec longer = withTraining(suite(), new TrainingSpec(t.epochs() + 1, t.batchSize(), t.learningRate(),
                t.schedule(), t.precision()));
        SuiteMismatchException e = assertThrows(SuiteMismatchException.class,
                () -> SuiteFolder.prepare(dir, longer, ResumeMode.CONTINUE, QUIET));
        assertTrue(e.getMessage().contains("$.training.epochs: " + t.epochs() + " before, " + (t.epochs() + 1)
                + " now"), e.getMessage());
        assertTrue(e.getMessage().contains("--fresh"), e.getMessage());
    }

    @Test
    void freshMovesEarlierResultsAsideAndResumeNeedsSomethingToResume() throws IOException {
        Path dir = tmp.resolve("s");
        assertThrows(IllegalArgumentException.class, () -> SuiteFolder.prepare(dir, suite(), ResumeMode.RESUME,
                QUIET));
        SuiteFolder.prepare(dir, suite(), ResumeMode.CONTINUE, QUIET);
        Files.writeString(dir.resolve("keep.txt"), "a result");
        assertFalse(SuiteFolder.prepare(dir, suite(), ResumeMode.FRESH, QUIET));
        try (Stream<Path> s = Files.list(tmp)) {
            List<Path> aside = s.filter(p -> p.getFileName().toString().startsWith("s-before-")).toList();
            assertEquals(1, aside.size());
            assertEquals("a result", Files.readString(aside.get(0).resolve("keep.txt")));
        }
        assertFalse(Files.exists(dir.resolve("keep.txt")));
    }

    @Test
    void aFolderThatIsNotASuiteFolderIsRefused() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("s"));
        Files.writeString(dir.resolve("notes.txt"), "mine");
        assertThrows(SuiteMismatchException.class, () -> SuiteFolder.prepare(dir, suite(), ResumeMode.CONTINUE,
                QUIET));
    }

    @Test
    void theFirstDifferenceIsFoundInNestedObjectsAndArrays() throws IOException {
        assertNull(SuiteFolder.firstDifference(JSON.readTree("{\"a\":[1,{\"b\":2}]}"),
                JSON.readTree("{\"a\":[1,{\"b\":2}]}")));
        assertEquals("$.a[1].b: 2 before, 3 now", SuiteFolder.firstDifference(JSON.readTree("{\"a\":[1,{\"b\":2}]}"),
                JSON.readTree("{\"a\":[1,{\"b\":3}]}")));
        assertEquals("$.c: absent before, true now", SuiteFolder.firstDifference(JSON.readTree("{\"a\":1}"),
                JSON.readTree("{\"a\":1,\"c\":true}")));
    }
}
