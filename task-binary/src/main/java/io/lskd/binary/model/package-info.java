/**
 * Binary students: ReActNet/Bi-Real building blocks, the {@code reactnet-small} model, its
 * two-step schedule and what is measured about it (flip ratio, size in bits, share of binary
 * activations).
 */
package io.lskd.binary.model;
