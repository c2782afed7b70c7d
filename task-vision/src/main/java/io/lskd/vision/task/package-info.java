/** The image-classification task: its suite spec, adapter, session and trained model. */
package io.lskd.vision.task;
