package io.lskd.cli;

import io.lskd.config.Doc;
import io.lskd.config.ParamDoc;
import io.lskd.config.SpecDocs;
import io.lskd.plugin.Kind;
import io.lskd.plugin.Registry;
import io.lskd.plugin.Workspace;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code lskd plugins}: every registered component by kind, with its parameters. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List every registered task, model, smoother and distiller with its parameters.")
final class PluginsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Registry registry = Registry.discover(PluginsCommand.class.getClassLoader(), new Workspace(null));
        SpecDocs docs = new SpecDocs(registry.types());
        for (Kind kind : Kind.values()) {
            System.out.println(kind.label() + "s:");
            registry.components(kind).forEach((name, spec) -> {
                Doc doc = spec.getAnnotation(Doc.class);
                System.out.printf("  %s: %s%n", name, doc == null ? "" : doc.value());
                for (ParamDoc p : docs.params(spec)) {
                    System.out.printf("      %s (%s%s%s)%s%n", p.name(), p.type(),
                            p.required() ? ", required" : p.defaultJson() == null ? "" : ", default " + p.defaultJson(),
                            p.range() == null ? "" : ", in " + p.range(),
                            p.doc() == null ? "" : ": " + p.doc());
                }
            });
        }
        return 0;
    }
}
