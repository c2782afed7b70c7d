/** Greedy decoding and batched beam search over any next-token scorer. */
package io.lskd.nmt.decode;
