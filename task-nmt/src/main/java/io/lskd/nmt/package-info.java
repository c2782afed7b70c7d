/** Translation: the task plugin, its data, tokenizer, Transformer, losses, decoders and metrics. */
package io.lskd.nmt;
