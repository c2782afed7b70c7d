package org.example.lskd.tabular;

import com.google.inject.Inject;
import io.lskd.plugin.Workspace;
import io.lskd.spec.TaskSpec;
import io.lskd.spi.TaskAdapter;
import io.lskd.spi.TaskSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a tabular task: reads the CSV (the bundled penguins table or a file), keeps the complete
 * rows, holds out every n-th of them for testing and standardises the features with the
 * training rows' mean and standard deviation.
 */
public final class TabularAdapter implements TaskAdapter {

    static final String BUNDLED = "penguins";

    private final Workspace workspace;

    @Inject
    public TabularAdapter(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public TaskSession open(TaskSpec task) throws IOException {
        TabularTaskSpec spec = (TabularTaskSpec) task;
        Table table;
        String source;
        if (spec.dataset().equals(BUNDLED)) {
            source = "bundled penguins.csv (palmerpenguins 0.1.1, CC0)";
            try (InputStream in = TabularAdapter.class.getResourceAsStream("penguins.csv")) {
                if (in == null) {
                    throw new IOException("penguins.csv is missing from the plugin jar");
                }
                table = Table.read(reader(in), source, spec.label(), spec.features());
            }
        } else {
            Path file = Path.of(spec.dataset());
            if (!file.isAbsolute() && workspace.dataDir() != null) {
                file = workspace.dataDir().resolve(file);
            }
            if (!Files.isRegularFile(file)) {
                throw new IOException("tabular data set '" + spec.dataset() + "': no file " + file.toAbsolutePath());
            }
            source = file.toString();
            try (InputStream in = Files.newInputStream(file)) {
                table = Table.read(reader(in), source, spec.label(), spec.features());
            }
        }
        return new TabularSession(spec, table, source);
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
