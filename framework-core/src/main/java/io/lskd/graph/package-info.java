/**
 * SameDiff building blocks shared by every task: layers built from ops whose gradients are
 * proven by numeric checks (DL4J-NOTES.md), a PyTorch-exact Adam, the training loop over a
 * SameDiff graph with its checkpoints (bit-exact resume), and the teacher-output cache.
 * Imported by task modules; no task-specific code here.
 */
package io.lskd.graph;
