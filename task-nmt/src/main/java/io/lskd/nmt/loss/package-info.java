/** Token-level losses: label-smoothed cross-entropy with padding masked, word- and sequence-level KD. */
package io.lskd.nmt.loss;
