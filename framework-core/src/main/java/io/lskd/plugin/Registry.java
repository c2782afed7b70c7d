package io.lskd.plugin;

import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Names;
import io.lskd.bench.WorkloadFactory;
import io.lskd.config.SpecReader;
import io.lskd.config.TypeRegistry;
import io.lskd.spi.TaskAdapter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Every registered component, by kind and name, and the suite grammar they make up.
 * Build it with {@link #discover(ClassLoader)} (ServiceLoader + Guice) or, in tests, from
 * explicit plugins with {@link #of(List)}.
 */
public final class Registry {

    private final Map<Kind, Map<String, Class<? extends Record>>> specs = new EnumMap<>(Kind.class);
    private final Map<String, TaskAdapter> tasks;
    private final Map<String, WorkloadFactory> workloads;
    private final TypeRegistry types = new TypeRegistry();

    @Inject
    Registry(Injector injector, Map<String, TaskAdapter> tasks, Map<String, WorkloadFactory> workloads) {
        this.tasks = Map.copyOf(tasks);
        this.workloads = new TreeMap<>(workloads);
        for (Kind kind : Kind.values()) {
            Key<Map<String, Class<? extends Record>>> key = Key.get(
                    new TypeLiteral<Map<String, Class<? extends Record>>>() {}, Names.named("lskd." + kind.label()));
            Map<String, Class<? extends Record>> byName = injector.getExistingBinding(key) == null
                    ? Map.of() : injector.getInstance(key);
            specs.put(kind, new TreeMap<>(byName));
            byName.values().forEach(spec -> types.register(kind.specBase(), spec));
        }
    }

    /** Finds every plugin on the class path (META-INF/services/io.lskd.plugin.LskdPlugin). */
    public static Registry discover(ClassLoader loader, Workspace workspace) {
        List<LskdPlugin> plugins = new ArrayList<>();
        ServiceLoader.load(LskdPlugin.class, loader).forEach(plugins::add);
        return of(plugins, workspace);
    }

    /** Wires exactly these plugins. */
    public static Registry of(List<? extends LskdPlugin> plugins, Workspace workspace) {
        try {
            List<Module> modules = new ArrayList<>(plugins);
            modules.add(binder -> {
                binder.bind(Workspace.class).toInstance(workspace);
                MapBinder.newMapBinder(binder, String.class, TaskAdapter.class); // empty when no task plugin
                MapBinder.newMapBinder(binder, String.class, WorkloadFactory.class);
            });
            Injector injector = Guice.createInjector(modules);
            return injector.getInstance(Registry.class);
        } catch (CreationException e) {
            throw new IllegalStateException("plugins could not be wired (a component name registered twice?): "
                    + e.getErrorMessages().iterator().next().getMessage(), e);
        } catch (ConfigurationException e) {
            throw new IllegalStateException("plugins could not be wired: "
                    + e.getErrorMessages().iterator().next().getMessage(), e);
        } catch (ProvisionException e) {
            throw new IllegalStateException("plugins could not be wired: "
                    + e.getErrorMessages().iterator().next().getMessage(), e);
        }
    }

    /** Registered spec records of one kind, by type name, sorted. */
    public Map<String, Class<? extends Record>> components(Kind kind) {
        return specs.get(kind);
    }

    public TaskAdapter task(String name) {
        TaskAdapter adapter = tasks.get(name);
        if (adapter == null) {
            throw new IllegalArgumentException("no task named '" + name + "'; registered: " + tasks.keySet());
        }
        return adapter;
    }

    /** Benchmark workloads by model name, sorted. */
    public Map<String, WorkloadFactory> workloads() {
        return Collections.unmodifiableMap(workloads);
    }

    public TypeRegistry types() {
        return types;
    }

    /** A reader for suite files in this registry's grammar. */
    public SpecReader reader() {
        return new SpecReader(types);
    }
}
