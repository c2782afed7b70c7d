package io.lskd.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lskd.config.CanonicalJson;
import io.lskd.config.ConfigException;
import io.lskd.config.SpecReader;
import io.lskd.config.TypeName;
import io.lskd.distill.DistSpec;
import io.lskd.distill.DkdSpec;
import io.lskd.distill.TfKdSelfSpec;
import io.lskd.distill.WeightedSumDistiller;
import io.lskd.distill.WeightedSumSpec;
import io.lskd.plugin.CorePlugin;
import io.lskd.plugin.LskdPlugin;
import io.lskd.plugin.Registry;
import io.lskd.plugin.Workspace;
import io.lskd.smooth.ConfidencePenaltySmootherSpec;
import io.lskd.smooth.MaxSupSmootherSpec;
import io.lskd.smooth.OnlineLabelSmootherSpec;
import io.lskd.smooth.TfKdRegSmootherSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The zoo's specs as a suite file gives them: read, defaults, canonical round trip, range errors. */
class ZooSpecsTest {

    /** A stand-in architecture, so that arms can be read without a task module. */
    @TypeName("m")
    record TestModel() implements ModelSpec {
    }

    private final SpecReader reader = Registry.of(List.of(new CorePlugin(), new LskdPlugin() {
        @Override
        protected void configure() {
            registerModel(TestModel.class);
        }
    }), new Workspace(null)).reader();

    private ArmSpec arm(String smoother, String distiller) {
        return reader.read("{\"name\": \"a\", \"model\": {\"type\": \"m\"}, \"smoother\": " + smoother
                + ", \"distiller\": " + distiller + "}", ArmSpec.class);
    }

    @Test
    void defaultsAreFilledAndEverySpecSurvivesItsCanonicalJson() {
        List<ArmSpec> arms = List.of(
                arm("{\"type\": \"online\"}", "{\"type\": \"dkd\"}"),
                arm("{\"type\": \"tf-kd-reg\", \"temperature\": 3}", "{\"type\": \"dist\", \"gamma\": 2}"),
                arm("{\"type\": \"maxsup\"}", "{\"type\": \"tf-kd-self\"}"),
                arm("{\"type\": \"confidence-penalty\", \"beta\": 0.4}", """
                        {"type": "weighted-sum", "terms": {
                          "kd": {"weight": 0.7, "distiller": {"type": "hinton"}},
                          "hard": {"distiller": {"type": "cross-entropy"}}}}"""));
        assertEquals(new OnlineLabelSmootherSpec(0.5), arms.get(0).smoother());
        assertEquals(new DkdSpec(4.0, 1.0, 8.0, 1.0), arms.get(0).distiller());
        assertEquals(new TfKdRegSmootherSpec(0.1, 3.0, 0.99), arms.get(1).smoother());
        assertEquals(new DistSpec(1.0, 1.0, 2.0, 1.0), arms.get(1).distiller());
        assertEquals(new MaxSupSmootherSpec(0.1), arms.get(2).smoother());
        assertEquals(new TfKdSelfSpec(6.0, 0.95), arms.get(2).distiller());
        assertEquals(new ConfidencePenaltySmootherSpec(0.4), arms.get(3).smoother());
        WeightedSumDistiller sum = (WeightedSumDistiller) arms.get(3).distiller().create();
        assertEquals(List.of("kd", "hard"), sum.entries().stream().map(WeightedSumDistiller.Entry::name).toList(),
                "entries keep the file's order");
        assertEquals(1.0, sum.entries().get(1).weight(), 0.0, "weight defaults to 1");
        assertTrue(sum.needsTeacher());
        for (ArmSpec a : arms) {
            String json = CanonicalJson.toJson(a);
            assertEquals(a, reader.read(json, ArmSpec.class), json);
        }
        assertTrue(arms.get(2).distiller().selfDistillation());
        assertTrue(((WeightedSumSpec) reader.read("{\"name\": \"a\", \"model\": {\"type\": \"m\"}, \"distiller\": "
                + "{\"type\": \"weighted-sum\", \"terms\": {\"s\": {\"distiller\": {\"type\": \"tf-kd-self\"}}}}}",
                ArmSpec.class).distiller()).selfDistillation(), "a weighted sum with a self term is self-distillation");
    }

    @Test
    void outOfRangeParametersAreReportedWithPathValueAndRange() {
        ConfigException e = assertThrows(ConfigException.class, () -> arm("{\"type\": \"online\", \"alpha\": 1}",
                "{\"type\": \"dkd\", \"temperature\": -4, \"beta\": -1}"));
        String message = e.getMessage();
        for (String expected : List.of("$.smoother.alpha: out of range, got 1 (allowed: [0, 1))",
                "$.distiller.temperature: out of range, got -4 (allowed: (0, inf))",
                "$.distiller.beta: out of range, got -1 (allowed: [0, inf))")) {
            assertTrue(message.contains(expected), "missing '" + expected + "' in:\n" + message);
        }
        ConfigException zero = assertThrows(ConfigException.class, () -> arm("{\"type\": \"none\"}", """
                {"type": "weighted-sum", "terms": {"a": {"weight": 0, "distiller": {"type": "cross-entropy"}}}}"""));
        assertTrue(zero.getMessage().contains("weighted-sum: the weights must sum to a value in (0, inf), got 0.0"),
                zero.getMessage());
    }
}
