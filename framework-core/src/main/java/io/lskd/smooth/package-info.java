/**
 * Label smoothers: one-hot targets and the two uniform conventions in use, named explicitly
 * because the literature mixes them up (uniform over K versus uniform over the K - 1 other
 * classes; see PAPER.md, "Label smoothing").
 */
package io.lskd.smooth;
