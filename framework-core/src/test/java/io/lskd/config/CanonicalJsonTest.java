package io.lskd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lskd.config.ExampleSpecs.Suite;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    private final SpecReader reader = new SpecReader(ExampleSpecs.registry());

    private static final String SUITE = """
            {"suite": "demo", "seeds": [3, 1],
             "arms": [{"name": "kd", "smoother": {"alpha": 0.2, "type": "uniform"},
                       "distiller": {"temperature": 4, "type": "soft-target"}}],
             "teachers": {"z": {"model": "b"}, "a": {"model": "a", "epochs": 3}},
             "precision": "bf16"}""";

    /** The same suite with every object's keys in another order. */
    private static final String SUITE_REORDERED = """
            {"precision": "bf16",
             "teachers": {"a": {"epochs": 3, "model": "a"}, "z": {"model": "b"}},
             "arms": [{"distiller": {"type": "soft-target", "temperature": 4},
                       "smoother": {"type": "uniform", "alpha": 0.2}, "name": "kd"}],
             "seeds": [3, 1], "suite": "demo"}""";

    @Test
    void canonicalFormIsSortedCompactWithDefaultsAndTypeFirst() {
        String expected = "{\"arms\":[{\"clip\":{\"max\":1.0,\"min\":-1.0},"
                + "\"distiller\":{\"type\":\"soft-target\",\"temperature\":4.0,\"weight\":0.5},"
                + "\"frozen\":false,\"name\":\"kd\",\"smoother\":{\"type\":\"uniform\",\"alpha\":0.2}}],"
                + "\"metrics\":[\"accuracy\"],\"precision\":\"bf16\",\"seeds\":[3,1],\"suite\":\"demo\","
                + "\"teachers\":{\"a\":{\"epochs\":3,\"model\":\"a\",\"optimizer\":\"sgd\"},"
                + "\"z\":{\"epochs\":10,\"model\":\"b\",\"optimizer\":\"sgd\"}}}";

        assertEquals(expected, CanonicalJson.toJson(reader.read(SUITE, Suite.class)));
    }

    @Test
    void keyOrderDoesNotChangeTheCanonicalFormOrTheHash() {
        Suite a = reader.read(SUITE, Suite.class);
        Suite b = reader.read(SUITE_REORDERED, Suite.class);

        assertEquals(CanonicalJson.toJson(a), CanonicalJson.toJson(b));
        assertEquals(CanonicalJson.sha256(a), CanonicalJson.sha256(b));
    }

    @Test
    void readingTheCanonicalFormGivesTheSameSpec() {
        Suite suite = reader.read(SUITE, Suite.class);

        Suite again = reader.read(CanonicalJson.toJson(suite), Suite.class);

        assertEquals(suite, again);
        assertEquals(CanonicalJson.toJson(suite), CanonicalJson.toJson(again));
    }

    @Test
    void hashChangesWithAnyValueAndWithAnExplicitNonDefault() {
        Suite base = reader.read(SUITE, Suite.class);
        Suite otherAlpha = reader.read(SUITE.replace("0.2", "0.25"), Suite.class);
        Suite otherSeedOrder = reader.read(SUITE.replace("[3, 1]", "[1, 3]"), Suite.class);
        Suite explicitDefault = reader.read(SUITE.replace("\"epochs\": 3", "\"epochs\": 3, \"optimizer\": \"sgd\""),
                Suite.class);

        String hash = CanonicalJson.sha256(base);
        assertTrue(hash.matches("[0-9a-f]{64}"), hash);
        assertNotEquals(hash, CanonicalJson.sha256(otherAlpha));
        assertNotEquals(hash, CanonicalJson.sha256(otherSeedOrder));
        assertEquals(hash, CanonicalJson.sha256(explicitDefault));
    }
}
