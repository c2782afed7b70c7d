package io.lskd.cli;

import io.lskd.plugin.Registry;
import io.lskd.plugin.Workspace;
import io.lskd.spec.SuiteSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code lskd suites}: the bundled suites with their arms. */
@Command(name = "suites", mixinStandardHelpOptions = true, description = "List the bundled suites.")
final class SuitesCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        Registry registry = Registry.discover(SuitesCommand.class.getClassLoader(), new Workspace(null));
        for (String name : Suites.bundledNames()) {
            SuiteSpec spec = Suites.load(name, registry);
            System.out.printf("%s: %s%n  seeds %s, %d epochs, arms: %s%s%n", name, spec.description(), spec.seeds(),
                    spec.training().epochs(), spec.arms().stream().map(a -> a.name()).toList(),
                    spec.variants().isEmpty() ? "" : "; variants: " + spec.variants().stream()
                            .map(v -> v.name()).toList());
        }
        return 0;
    }
}
