/**
 * Binary networks for lskd: Larq-style quantizers and quantized layers on SameDiff, and
 * ReActNet-style binary students distilled from real-valued teachers in the vision task.
 */
package io.lskd.binary;
