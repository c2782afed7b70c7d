package io.lskd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lskd.config.ExampleSpecs.DistillerSpec;
import io.lskd.config.ExampleSpecs.NoDistillation;
import io.lskd.config.ExampleSpecs.NoSmoothing;
import io.lskd.config.ExampleSpecs.SmootherSpec;
import io.lskd.config.ExampleSpecs.UniformSmoothing;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeRegistryTest {

    @TypeName("uniform")
    record OtherUniform(Double alpha) implements SmootherSpec {
    }

    record Unnamed() implements SmootherSpec {
    }

    @TypeName("clash")
    record Clash(String type) implements SmootherSpec {
    }

    @Test
    void duplicateNameForTheSameBaseFailsNamingBothClasses() {
        TypeRegistry registry = ExampleSpecs.registry();

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> registry.register(SmootherSpec.class, OtherUniform.class));

        assertTrue(e.getMessage().contains(UniformSmoothing.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains(OtherUniform.class.getName()), e.getMessage());
    }

    @Test
    void theSameNameMayServeDifferentBases() {
        TypeRegistry registry = ExampleSpecs.registry();

        assertEquals(NoSmoothing.class, registry.subtypes(SmootherSpec.class).get("none"));
        assertEquals(NoDistillation.class, registry.subtypes(DistillerSpec.class).get("none"));
        assertEquals(List.of("none", "uniform"), List.copyOf(registry.subtypes(SmootherSpec.class).keySet()));
    }

    @Test
    void registeringTheSameClassTwiceIsHarmless() {
        TypeRegistry registry = ExampleSpecs.registry();

        registry.register(SmootherSpec.class, UniformSmoothing.class);

        assertEquals(2, registry.subtypes(SmootherSpec.class).size());
    }

    @Test
    void subtypesNeedANameAndMustNotShadowTheDiscriminator() {
        TypeRegistry registry = new TypeRegistry();

        assertThrows(IllegalArgumentException.class, () -> registry.register(SmootherSpec.class, Unnamed.class));
        assertThrows(IllegalArgumentException.class, () -> registry.register(SmootherSpec.class, Clash.class));
        assertThrows(IllegalArgumentException.class, () -> registry.register(DistillerSpec.class, NoSmoothing.class));
        assertFalse(registry.isPolymorphic(SmootherSpec.class));
    }
}
