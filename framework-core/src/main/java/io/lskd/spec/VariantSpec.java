package io.lskd.spec;

import io.lskd.config.Doc;
import io.lskd.config.Required;
import java.util.regex.Pattern;

/** Another task (e.g. a long-tailed or class-subset version of the data) run with the suite's arms. */
@Doc("A further task run with the same arms and seeds, e.g. a data variant")
public record VariantSpec(
        @Required @Doc("Variant name, unique in the suite ([a-z0-9._-]); its runs go under <suite>/<name>/")
        String name,
        @Required @Doc("The task of this variant") TaskSpec task,
        @Doc("The analyses for this variant (default: the suite's), e.g. other projection classes")
        AnalysisSpec analysis) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    public VariantSpec {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("variant name '" + name + "' must match " + NAME.pattern());
        }
    }
}
