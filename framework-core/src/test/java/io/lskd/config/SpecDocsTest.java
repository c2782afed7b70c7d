package io.lskd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lskd.config.ExampleSpecs.Arm;
import io.lskd.config.ExampleSpecs.SoftTarget;
import io.lskd.config.ExampleSpecs.Suite;
import io.lskd.config.ExampleSpecs.Teacher;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecDocsTest {

    private final SpecDocs docs = new SpecDocs(ExampleSpecs.registry());

    @Test
    void defaultsComeFromTheConstructor() {
        assertEquals(List.of(
                new ParamDoc("temperature", "Double", false, "1.0", "softmax temperature", "(0, inf)", List.of()),
                new ParamDoc("weight", "Double", false, "0.5", "weight of the teacher term", "[0, 1]", List.of())),
                docs.params(SoftTarget.class));
    }

    @Test
    void requiredParametersHaveNoDefaultAndPolymorphicOnesListTheirTypes() {
        List<ParamDoc> arm = docs.params(Arm.class);

        assertEquals(new ParamDoc("name", "String", true, null, "", null, List.of()), arm.get(0));
        assertEquals(new ParamDoc("smoother", "SmootherSpec", true, null, "", null, List.of("none", "uniform")),
                arm.get(1));
        assertEquals("{\"type\":\"none\"}", arm.get(2).defaultJson());
        assertEquals("{\"max\":1.0,\"min\":-1.0}", arm.get(3).defaultJson());
        assertEquals("false", arm.get(4).defaultJson());
    }

    @Test
    void collectionsEnumsAndChoices() {
        List<ParamDoc> suite = docs.params(Suite.class);

        assertEquals(new ParamDoc("seeds", "List<Long>", false, "[1]", "", "[0, inf)", List.of()), suite.get(1));
        assertEquals(new ParamDoc("precision", "Precision", false, "\"full\"", "", null, List.of("full", "half", "bf16")),
                suite.get(4));
        assertEquals(List.of("accuracy", "nll", "ece"), suite.get(5).allowed());
        assertEquals("{}", suite.get(3).defaultJson());
    }

    @Test
    void aRequiredStandInKeepsValidatingConstructorsDocumentable() {
        assertEquals("\"sgd\"", docs.params(Teacher.class).get(1).defaultJson());
    }
}
