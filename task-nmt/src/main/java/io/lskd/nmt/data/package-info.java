/** Parallel corpora: TSV, two-file and IWSLT readers, the bundled Bible corpus, split rules. */
package io.lskd.nmt.data;
