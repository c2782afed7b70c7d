/**
 * SameDiff building blocks shared by every task: layers built from ops whose gradients are
 * proven by numeric checks (DL4J-NOTES.md), a PyTorch-exact Adam, and the training step over
 * a SameDiff graph. Imported by task modules; no task-specific code here.
 */
package io.lskd.graph;
