package io.lskd.spec;

import io.lskd.config.Doc;
import io.lskd.config.Range;
import io.lskd.config.Required;
import io.lskd.graph.GraphDistiller;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One experiment suite: a task, how every model is trained, and the arms (teachers and
 * students) run for each seed.
 */
@Doc("An experiment suite: a task, a training recipe and the arms run for each seed")
public record SuiteSpec(
        @Required @Doc("Suite name; results go under <out>/<suite>/") String suite,
        @Doc("What the suite measures, one paragraph") String description,
        @Range(min = 0) @Doc("Seeds; each seed runs every arm (default [0])") List<Integer> seeds,
        @Doc("Seed offsets for paired comparisons") SeedingSpec seeding,
        @Required @Doc("The task: data and evaluation") TaskSpec task,
        @Doc("Optimiser, schedule and epochs shared by every arm") TrainingSpec training,
        @Required @Doc("Teachers and students, in any order; a student names its teacher") List<ArmSpec> arms,
        @Doc("Further tasks run with the same arms and seeds after the main task (default none)")
        List<VariantSpec> variants,
        @Doc("Analyses written beside each run (default: no projection, diffusion at T = 1, 2, 4, 8)")
        AnalysisSpec analysis) {

    public SuiteSpec {
        description = description == null ? "" : description;
        seeds = seeds == null || seeds.isEmpty() ? List.of(0) : List.copyOf(seeds);
        seeding = seeding == null ? new SeedingSpec(null, null, null) : seeding;
        training = training == null ? new TrainingSpec(null, null, null, null, null) : training;
        arms = List.copyOf(arms);
        variants = variants == null ? List.of() : List.copyOf(variants);
        analysis = analysis == null ? new AnalysisSpec(null, null, null) : analysis;
        Set<String> variantNames = new HashSet<>();
        for (VariantSpec variant : variants) {
            if (!variantNames.add(variant.name())) {
                throw new IllegalArgumentException("two variants are named '" + variant.name() + "'");
            }
        }
        if (arms.isEmpty()) {
            throw new IllegalArgumentException("a suite needs at least one arm");
        }
        Set<String> names = new HashSet<>();
        for (ArmSpec arm : arms) {
            if (!names.add(arm.name())) {
                throw new IllegalArgumentException("two arms are named '" + arm.name() + "'");
            }
        }
        List<ArmSpec> all = arms;
        for (ArmSpec arm : arms) {
            GraphDistiller created = arm.distiller().create();
            String distiller = created.name();
            boolean needsTeacher = created.needsTeacher();
            if (arm.teacher() == null) {
                if (needsTeacher) {
                    throw new IllegalArgumentException("arm '" + arm.name() + "' uses distiller '" + distiller
                            + "', which needs a teacher: set \"teacher\"");
                }
                continue;
            }
            ArmSpec teacher = all.stream().filter(a -> a.name().equals(arm.teacher())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("arm '" + arm.name() + "' names teacher '"
                            + arm.teacher() + "', which is not an arm; arms are "
                            + all.stream().map(ArmSpec::name).toList()));
            if (teacher.teacher() != null) {
                throw new IllegalArgumentException("arm '" + arm.name() + "' has teacher '" + teacher.name()
                        + "', which is itself a student; chains of distillation are not supported yet");
            }
            if (arm.distiller().selfDistillation() && !teacher.model().equals(arm.model())) {
                throw new IllegalArgumentException("arm '" + arm.name() + "' uses self-distillation ('" + distiller
                        + "'), so its teacher '" + teacher.name() + "' must have the same model; they have "
                        + teacher.model() + " and " + arm.model());
            }
            if (!needsTeacher) {
                throw new IllegalArgumentException("arm '" + arm.name() + "' names teacher '" + arm.teacher()
                        + "' but its distiller '" + distiller + "' uses no teacher");
            }
        }
    }

    /** The arm with this name. */
    public ArmSpec arm(String name) {
        return arms.stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no arm named '" + name + "'"));
    }

    /** A copy with other seeds (the CLI's --seeds). */
    public SuiteSpec withSeeds(List<Integer> newSeeds) {
        return new SuiteSpec(suite, description, newSeeds, seeding, task, training, arms, variants, analysis);
    }
}
