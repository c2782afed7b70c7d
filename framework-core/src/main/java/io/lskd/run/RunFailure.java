package io.lskd.run;

/**
 * A run that did not finish while the suite went on: it diverged (its failed.json says at
 * which epoch and step), or its teacher did.
 *
 * @param run the run's name, e.g. "kd (seed 0)"
 * @param folder the run's folder
 * @param reason why, in words
 */
public record RunFailure(String run, String folder, String reason) implements java.io.Serializable {
}
