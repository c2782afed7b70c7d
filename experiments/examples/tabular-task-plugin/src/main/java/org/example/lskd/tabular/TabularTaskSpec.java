package org.example.lskd.tabular;

import io.lskd.config.Doc;
import io.lskd.config.Range;
import io.lskd.config.Required;
import io.lskd.config.TypeName;
import io.lskd.spec.TaskSpec;
import java.util.List;

/** Classification of the rows of a CSV table from numeric columns. */
@TypeName("tabular")
@Doc("Tabular classification: a CSV file (or the bundled 'penguins'), numeric feature columns, a class column")
public record TabularTaskSpec(
        @Doc("'penguins' (bundled, CC0) or a CSV file with a header row; a relative path is read from --data-dir"
                + " (default penguins)") String dataset,
        @Doc("The column holding the class (default species)") String label,
        @Required @Doc("The numeric columns used as features") List<String> features,
        @Range(min = 2) @Doc("Every n-th complete row, in file order, is held out for testing (default 5)")
        Integer testEvery) implements TaskSpec {

    public TabularTaskSpec {
        dataset = dataset == null ? "penguins" : dataset;
        label = label == null ? "species" : label;
        features = List.copyOf(features);
        if (features.isEmpty()) {
            throw new IllegalArgumentException("tabular: features must name at least one column");
        }
        testEvery = testEvery == null ? 5 : testEvery;
    }
}
