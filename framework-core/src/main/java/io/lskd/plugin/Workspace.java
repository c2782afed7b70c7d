package io.lskd.plugin;

import java.nio.file.Path;

/**
 * Settings of this machine rather than of an experiment (so they never enter a run id):
 * where data sets live. Bound by {@link Registry#discover(ClassLoader, Workspace)}; tasks
 * inject it.
 *
 * @param dataDir the --data-dir given on the command line, or null
 */
public record Workspace(Path dataDir) {
}
