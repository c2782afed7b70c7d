/** Subword tokenisation: pre-tokenisation, BPE training, encoding and exact detokenisation. */
package io.lskd.nmt.text;
