package io.lskd.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A small suite grammar shaped like the real one (arms with a polymorphic smoother and
 * distiller, a map of teachers, an enum), so the reader is tested on every kind of component
 * without depending on the production specs.
 */
final class ExampleSpecs {

    private ExampleSpecs() {
    }

    /** The registry of the example grammar; "none" is used by two bases on purpose. */
    static TypeRegistry registry() {
        TypeRegistry registry = new TypeRegistry();
        registry.register(SmootherSpec.class, UniformSmoothing.class);
        registry.register(SmootherSpec.class, NoSmoothing.class);
        registry.register(DistillerSpec.class, SoftTarget.class);
        registry.register(DistillerSpec.class, NoDistillation.class);
        return registry;
    }

    enum Precision { FULL, HALF, @JsonProperty("bf16") BFLOAT16 }

    interface SmootherSpec {
    }

    @TypeName("uniform")
    @Doc("uniform label smoothing")
    record UniformSmoothing(@Doc("probability mass spread over all classes") @Range(min = 0, max = 1) Double alpha)
            implements SmootherSpec {
        UniformSmoothing {
            alpha = alpha == null ? 0.1 : alpha;
        }
    }

    @TypeName("none")
    record NoSmoothing() implements SmootherSpec {
    }

    interface DistillerSpec {
    }

    @TypeName("soft-target")
    record SoftTarget(@Doc("softmax temperature") @Range(min = 0, minExclusive = true) Double temperature,
                      @Doc("weight of the teacher term") @Range(min = 0, max = 1) Double weight)
            implements DistillerSpec {
        SoftTarget {
            temperature = temperature == null ? 1.0 : temperature;
            weight = weight == null ? 0.5 : weight;
        }
    }

    @TypeName("none")
    record NoDistillation() implements DistillerSpec {
    }

    record Clip(Double min, Double max) {
        Clip {
            min = min == null ? -1.0 : min;
            max = max == null ? 1.0 : max;
            if (min > max) {
                throw new IllegalArgumentException("min must be <= max, got min " + min + " and max " + max);
            }
        }
    }

    record Teacher(@Required String model, @OneOf({"sgd", "adam"}) String optimizer, @Range(min = 1) Integer epochs) {
        Teacher {
            if (model.isBlank()) {
                throw new IllegalArgumentException("model must not be blank");
            }
            optimizer = optimizer == null ? "sgd" : optimizer;
            epochs = epochs == null ? 10 : epochs;
        }
    }

    record Arm(@Required String name, @Required SmootherSpec smoother, DistillerSpec distiller, Clip clip,
               boolean frozen) {
        Arm {
            distiller = distiller == null ? new NoDistillation() : distiller;
            clip = clip == null ? new Clip(null, null) : clip;
        }
    }

    record Suite(@Required String suite, @Range(min = 0) List<Long> seeds, @Required List<Arm> arms,
                 Map<String, Teacher> teachers, Precision precision,
                 @OneOf({"accuracy", "nll", "ece"}) List<String> metrics) {
        Suite {
            seeds = seeds == null ? List.of(1L) : List.copyOf(seeds);
            arms = List.copyOf(arms);
            teachers = teachers == null ? Map.of() : Map.copyOf(teachers);
            precision = precision == null ? Precision.FULL : precision;
            metrics = metrics == null ? List.of("accuracy") : List.copyOf(metrics);
        }
    }
}
