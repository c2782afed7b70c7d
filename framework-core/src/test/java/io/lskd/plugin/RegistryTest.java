package io.lskd.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lskd.config.TypeName;
import io.lskd.smooth.NoSmoother;
import io.lskd.spec.SmootherSpec;
import io.lskd.spi.Smoother;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegistryTest {

    @Test
    void serviceLoaderFindsTheCorePluginsComponents() {
        Registry registry = Registry.discover(getClass().getClassLoader(), new Workspace(null));
        assertEquals(Set.of("none", "uniform", "uniform-others", "online", "tf-kd-reg", "maxsup", "confidence-penalty"),
                registry.components(Kind.SMOOTHER).keySet());
        assertEquals(Set.of("cross-entropy", "soft-target", "hinton", "dkd", "dist", "tf-kd-self", "weighted-sum"),
                registry.components(Kind.DISTILLER).keySet());
        assertTrue(registry.types().isPolymorphic(io.lskd.spec.SmootherSpec.class));
    }

    /** Another smoother that claims the built-in name "uniform". */
    @TypeName("uniform")
    record Impostor() implements SmootherSpec {
        @Override
        public Smoother create() {
            return new NoSmoother();
        }
    }

    @Test
    void aNameRegisteredTwiceFailsAtStartUpNamingIt() {
        LskdPlugin again = new LskdPlugin() {
            @Override
            protected void configure() {
                registerSmoother(Impostor.class);
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Registry.of(List.of(new CorePlugin(), again), new Workspace(null)));
        assertTrue(e.getMessage().contains("uniform"), e.getMessage());
    }

    @Test
    void anUnknownTaskIsNamedWithTheRegisteredOnes() {
        Registry registry = Registry.of(List.of(new CorePlugin()), new Workspace(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.task("tabular"));
        assertTrue(e.getMessage().contains("tabular"), e.getMessage());
    }
}
