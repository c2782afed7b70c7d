package io.lskd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lskd.config.ExampleSpecs.Arm;
import io.lskd.config.ExampleSpecs.Clip;
import io.lskd.config.ExampleSpecs.NoDistillation;
import io.lskd.config.ExampleSpecs.NoSmoothing;
import io.lskd.config.ExampleSpecs.Precision;
import io.lskd.config.ExampleSpecs.SoftTarget;
import io.lskd.config.ExampleSpecs.Suite;
import io.lskd.config.ExampleSpecs.Teacher;
import io.lskd.config.ExampleSpecs.UniformSmoothing;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecReaderTest {

    private final SpecReader reader = new SpecReader(ExampleSpecs.registry());

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(SpecReaderTest.class.getResource(name).toURI());
    }

    private List<ConfigError> errorsOf(String json) {
        return assertThrows(ConfigException.class, () -> reader.read(json, Suite.class)).errors();
    }

    @Test
    void validFileBindsWithDefaultsFilled() throws Exception {
        Suite suite = reader.read(resource("valid-suite.json"), Suite.class);

        Suite expected = new Suite("demo", List.of(1L, 2L), List.of(
                new Arm("ls", new UniformSmoothing(0.2), new NoDistillation(), new Clip(-1.0, 1.0), false),
                new Arm("kd", new NoSmoothing(), new SoftTarget(4.0, 0.5), new Clip(0.0, 1.0), false)),
                Map.of("plain", new Teacher("resnet-small", "sgd", 10)), Precision.BFLOAT16, List.of("accuracy"));
        assertEquals(expected, suite);
    }

    @Test
    void fiveProblemsAreReportedAtOnceWithPathsAndSuggestions() throws Exception {
        Path file = resource("five-problems.json");
        ConfigException e = assertThrows(ConfigException.class, () -> reader.read(file, Suite.class));

        assertEquals(List.of(
                new ConfigError("$.seeds[1]", "\"2\"", "wrong type", "an integer in [0, inf)", null),
                new ConfigError("$.arms[0].smoother.type", "\"unifrom\"", "unknown type", "none, uniform", "uniform"),
                new ConfigError("$.arms[1].smoother.alpha", "1.5", "out of range", "[0, 1]", null),
                new ConfigError("$.arms[1].distiller.temprature", "2", "unknown key", "temperature, type, weight",
                        "temperature"),
                new ConfigError("$.arms[2].name", null, "missing required key", "a string", null)), e.errors());
        String[] lines = e.getMessage().split("\n");
        assertEquals(5, lines.length);
        for (String line : lines) {
            assertTrue(line.startsWith(file + ": $."), line);
        }
        assertEquals(file + ": $.arms[1].distiller.temprature: unknown key, got 2 (allowed: temperature, type, weight);"
                + " did you mean 'temperature'?", lines[3]);
    }

    @Test
    void constructorValidationCarriesTheRecordPath() {
        String json = """
                {"suite": "demo", "arms": [
                  {"name": "a", "smoother": {"type": "none"}},
                  {"name": "b", "smoother": {"type": "none"}, "clip": {"min": 2, "max": 1}}]}""";
        ConfigError error = assertThrows(ConfigException.class, () -> reader.read(json, Suite.class)).errors().get(0);

        assertEquals("$.arms[1].clip", error.path());
        assertEquals("{\"min\":2,\"max\":1}", error.value());
        assertTrue(error.message().contains("min must be <= max"), error.message());
    }

    @Test
    void constructorValidationInsideAMapCarriesTheKey() {
        String json = """
                {"suite": "demo", "arms": [], "teachers": {"plain": {"model": " "}}}""";
        ConfigError error = assertThrows(ConfigException.class, () -> reader.read(json, Suite.class)).errors().get(0);

        assertEquals("$.teachers.plain", error.path());
        assertEquals("model must not be blank", error.message());
    }

    @Test
    void missingTypeListsTheAllowedNames() {
        List<ConfigError> errors = errorsOf("""
                {"suite": "demo", "arms": [{"name": "a", "smoother": {"alpha": 0.1}}]}""");

        assertEquals(List.of(new ConfigError("$.arms[0].smoother.type", null, "missing required key", "none, uniform",
                null)), errors);
    }

    @Test
    void scalarsAreNotCoerced() {
        List<ConfigError> errors = errorsOf("""
                {"suite": "demo", "seeds": [1.5],
                 "arms": [{"name": "a", "smoother": {"type": "uniform", "alpha": "0.1"}, "frozen": "yes"}]}""");

        assertEquals(List.of("$.seeds[0]", "$.arms[0].smoother.alpha", "$.arms[0].frozen"),
                errors.stream().map(ConfigError::path).toList());
        assertTrue(errors.stream().allMatch(e -> e.message().equals("wrong type")));
    }

    @Test
    void nullForARequiredKeyIsAnError() {
        List<ConfigError> errors = errorsOf("""
                {"suite": null, "arms": []}""");

        assertEquals(List.of(new ConfigError("$.suite", "null", "required, must not be null", "a string", null)), errors);
    }

    @Test
    void nullForAnOptionalKeyTakesTheDefault() {
        Suite suite = reader.read("""
                {"suite": "demo", "arms": [], "precision": null}""", Suite.class);

        assertEquals(Precision.FULL, suite.precision());
    }

    @Test
    void enumsAndChoicesListTheAllowedValuesAndSuggest() {
        List<ConfigError> errors = errorsOf("""
                {"suite": "demo", "arms": [], "precision": "hallf", "metrics": ["accuracy", "ecee"],
                 "teachers": {"t": {"model": "m", "optimizer": "Adam"}}}""");

        assertEquals(List.of(
                new ConfigError("$.teachers.t.optimizer", "\"Adam\"", "not an allowed value", "sgd, adam", "adam"),
                new ConfigError("$.precision", "\"hallf\"", "not an allowed value", "full, half, bf16", "half"),
                new ConfigError("$.metrics[1]", "\"ecee\"", "not an allowed value", "accuracy, nll, ece", "ece")),
                errors);
    }

    @Test
    void unknownKeysAreFoundAtTheTopAndSuggestedCaseInsensitively() {
        List<ConfigError> errors = errorsOf("""
                {"suite": "demo", "arms": [], "Seeds": [1], "banana": 1}""");

        assertEquals("seeds", errors.get(0).suggestion());
        assertEquals("$.banana", errors.get(1).path());
        assertEquals(null, errors.get(1).suggestion());
    }

    @Test
    void keysThatAreNotIdentifiersAreQuotedInPaths() {
        List<ConfigError> errors = errorsOf("""
                {"suite": "demo", "arms": [], "teachers": {"a.b": {"model": 3}}}""");

        assertEquals("$.teachers['a.b'].model", errors.get(0).path());
    }

    @Test
    void malformedJsonAndDuplicateKeysAreReportedWithTheirLocation() {
        ConfigError malformed = errorsOf("{\"suite\": \"demo\",, }").get(0);
        ConfigError duplicate = errorsOf("{\"suite\": \"a\", \"suite\": \"b\", \"arms\": []}").get(0);

        assertTrue(malformed.message().startsWith("malformed JSON at line 1"), malformed.message());
        assertTrue(duplicate.message().contains("Duplicate field 'suite'"), duplicate.message());
    }

    @Test
    void aWrongShapeAtTheRootIsOneError() {
        assertEquals(List.of(new ConfigError("$", "[]", "wrong type", "an object (Suite)", null)), errorsOf("[]"));
    }
}
