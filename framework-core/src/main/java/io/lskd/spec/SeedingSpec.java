package io.lskd.spec;

import io.lskd.config.Doc;
import io.lskd.config.Range;

/**
 * Seed offsets that make comparisons paired: for seed s, every teacher starts from the
 * weights of seed {@code teacherInit + s}, every student from {@code studentInit + s}, and every
 * model sees the data in the order of seed {@code dataOrder + s} (RECIPES.md).
 */
@Doc("Seed offsets for paired comparisons")
public record SeedingSpec(
        @Range(min = 0) @Doc("Teachers' initial weights: seed + this (default 0)") Integer teacherInit,
        @Range(min = 0) @Doc("Students' initial weights: seed + this (default 1000)") Integer studentInit,
        @Range(min = 0) @Doc("Data order of every model: seed + this (default 10000)") Integer dataOrder) {

    public SeedingSpec {
        teacherInit = teacherInit == null ? 0 : teacherInit;
        studentInit = studentInit == null ? 1000 : studentInit;
        dataOrder = dataOrder == null ? 10000 : dataOrder;
    }

    /** The initialisation seed of an arm with this role for run seed s. */
    public long initSeed(ArmSpec.Role role, int seed) {
        return (role == ArmSpec.Role.TEACHER ? teacherInit : studentInit) + (long) seed;
    }

    public long dataSeed(int seed) {
        return dataOrder + (long) seed;
    }
}
