package io.lskd.spec;

import io.lskd.config.Doc;
import io.lskd.config.Range;
import java.util.List;

/**
 * What the analyses written beside each run (analysis.json) look at: the three classes of the
 * template-plane projection and the temperatures of the soft-label diffusion study.
 */
@Doc("Analyses written beside each run: template-plane projection and soft-label diffusion")
public record AnalysisSpec(
        @Doc("Three class names for the template-plane projection: two similar, then one dissimilar "
                + "(default: no projection)") List<String> projectionClasses,
        @Range(min = 0, minExclusive = true)
        @Doc("Temperatures at which teachers' soft-label diffusion is measured (default [1, 2, 4, 8])")
        List<Double> temperatures,
        @Range(min = 1) @Doc("Projected points kept per class and split for the scatter plots (default 300)")
        Integer pointsPerClass) {

    public AnalysisSpec {
        projectionClasses = projectionClasses == null ? null : List.copyOf(projectionClasses);
        if (projectionClasses != null && (projectionClasses.size() != 3
                || projectionClasses.stream().distinct().count() != 3)) {
            throw new IllegalArgumentException("projectionClasses needs three different class names (two similar,"
                    + " one dissimilar), got " + projectionClasses);
        }
        temperatures = temperatures == null ? List.of(1.0, 2.0, 4.0, 8.0) : List.copyOf(temperatures);
        pointsPerClass = pointsPerClass == null ? 300 : pointsPerClass;
    }
}
