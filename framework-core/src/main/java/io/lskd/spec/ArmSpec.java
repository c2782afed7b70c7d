package io.lskd.spec;

import io.lskd.config.Doc;
import io.lskd.config.Required;
import java.util.regex.Pattern;

/**
 * One model trained in a suite: a teacher, or a student trained alone or distilled from a
 * teacher arm.
 */
@Doc("One trained model: a teacher or a student")
public record ArmSpec(
        @Required @Doc("Arm name, unique in the suite ([a-z0-9._-])") String name,
        @Doc("teacher or student; sets the initialisation seed and extra metrics (default student)") Role role,
        @Required @Doc("The architecture") ModelSpec model,
        @Doc("Label smoothing of the hard-label targets (default none)") SmootherSpec smoother,
        @Doc("The training loss (default cross-entropy)") DistillerSpec distiller,
        @Doc("The teacher arm's name, for a distilled student") String teacher) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    /** Teachers are evaluated on the training data too and seeded from the teacher offset. */
    public enum Role { TEACHER, STUDENT }

    public ArmSpec {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("arm name '" + name + "' must match " + NAME.pattern());
        }
        role = role == null ? Role.STUDENT : role;
        smoother = smoother == null ? new io.lskd.smooth.NoSmootherSpec() : smoother;
        distiller = distiller == null ? new io.lskd.distill.CrossEntropySpec() : distiller;
    }
}
