/**
 * Image datasets for the vision task, in plain Java (no ND4J): an immutable in-memory
 * {@link io.lskd.vision.data.ImageSet}, validating readers for the formats users actually
 * have on disk (IDX for the MNIST family, the CIFAR-10/100 binary batches, class-per-folder
 * JPEG/PNG), a {@link io.lskd.vision.data.DatasetCatalog} that finds a dataset by name
 * without ever downloading, and {@link io.lskd.vision.data.Normalization} into float batches.
 *
 * <p>Every reader checks what it reads (magic numbers, sizes, label ranges) and reports a bad
 * file with a {@link io.lskd.vision.data.DatasetFileException} naming the file and the
 * problem, because a silently misread dataset invalidates every result built on it.
 *
 * <p>Layout convention: pixels are unsigned bytes, NHWC row-major.
 */
package io.lskd.vision.data;
