/** The translation task: its suite spec, adapter, session, trainer and trained model. */
package io.lskd.nmt.task;
