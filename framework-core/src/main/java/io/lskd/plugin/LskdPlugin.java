package io.lskd.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import io.lskd.bench.WorkloadFactory;
import io.lskd.config.TypeName;
import io.lskd.spec.DistillerSpec;
import io.lskd.spec.ModelSpec;
import io.lskd.spec.SmootherSpec;
import io.lskd.spec.TaskSpec;
import io.lskd.spi.TaskAdapter;

/**
 * The base of every plugin: a Guice module listed in
 * {@code META-INF/services/io.lskd.plugin.LskdPlugin}. Its {@link #configure()} registers
 * components by their spec record's {@link TypeName}; a name registered twice of one kind
 * fails when the injector is created, naming the name.
 */
public abstract class LskdPlugin extends AbstractModule {

    protected final void registerSmoother(Class<? extends SmootherSpec> spec) {
        specs(Kind.SMOOTHER).addBinding(name(spec)).toInstance(spec.asSubclass(Record.class));
    }

    protected final void registerDistiller(Class<? extends DistillerSpec> spec) {
        specs(Kind.DISTILLER).addBinding(name(spec)).toInstance(spec.asSubclass(Record.class));
    }

    protected final void registerModel(Class<? extends ModelSpec> spec) {
        specs(Kind.MODEL).addBinding(name(spec)).toInstance(spec.asSubclass(Record.class));
    }

    protected final void registerTask(Class<? extends TaskSpec> spec, Class<? extends TaskAdapter> adapter) {
        specs(Kind.TASK).addBinding(name(spec)).toInstance(spec.asSubclass(Record.class));
        MapBinder.newMapBinder(binder(), String.class, TaskAdapter.class).addBinding(name(spec)).to(adapter);
    }

    /** A model's benchmark for {@code lskd bench}, by the model's type name. */
    protected final void registerWorkload(String name, WorkloadFactory factory) {
        MapBinder.newMapBinder(binder(), String.class, WorkloadFactory.class).addBinding(name).toInstance(factory);
    }

    private MapBinder<String, Class<? extends Record>> specs(Kind kind) {
        return MapBinder.newMapBinder(binder(), new TypeLiteral<String>() {},
                new TypeLiteral<Class<? extends Record>>() {}, kind.annotation());
    }

    private static String name(Class<?> spec) {
        TypeName name = spec.getAnnotation(TypeName.class);
        if (name == null) {
            throw new IllegalStateException(spec.getName() + " has no @TypeName");
        }
        if (!Record.class.isAssignableFrom(spec)) {
            throw new IllegalStateException(spec.getName() + " must be a record");
        }
        return name.value();
    }
}
