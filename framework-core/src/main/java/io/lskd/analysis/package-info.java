/**
 * Task-independent analyses of a trained classifier, computed from its logits, penultimate
 * activations and class templates ({@link io.lskd.spi.ModelOutputs}): Müller et al.'s
 * template-plane projection with the clusters' distances, the class-mean softmax, and the
 * soft-label diffusion of a teacher at a temperature. {@link io.lskd.analysis.RunAnalysis}
 * gathers them into each run's analysis.json.
 */
package io.lskd.analysis;
