package io.lskd.plugin;

import com.google.inject.name.Named;
import com.google.inject.name.Names;
import io.lskd.spec.DistillerSpec;
import io.lskd.spec.ModelSpec;
import io.lskd.spec.SmootherSpec;
import io.lskd.spec.TaskSpec;

/** The kinds of named component a plugin can register, each with its spec base type. */
public enum Kind {
    TASK(TaskSpec.class),
    MODEL(ModelSpec.class),
    SMOOTHER(SmootherSpec.class),
    DISTILLER(DistillerSpec.class);

    private final Class<?> specBase;

    Kind(Class<?> specBase) {
        this.specBase = specBase;
    }

    public Class<?> specBase() {
        return specBase;
    }

    /** The lower-case name used in listings. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    Named annotation() {
        return Names.named("lskd." + label());
    }
}
