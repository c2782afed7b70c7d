/** The SameDiff Transformer encoder-decoder, its inputs and its training and decoding graph. */
package io.lskd.nmt.model;
