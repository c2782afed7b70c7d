package io.lskd.vision.task;

import io.lskd.config.Doc;
import io.lskd.config.Range;
import io.lskd.config.TypeName;
import io.lskd.spec.TaskSpec;
import java.util.List;

/** Image classification on a catalog data set. */
@TypeName("vision")
@Doc("Image classification: a catalog data set (fashion-mnist, mnist, cifar-10, cifar-100 or a folder), train and test splits")
public record VisionTaskSpec(
        @Doc("Data set name or folder, resolved by the catalog (default fashion-mnist)") String dataset,
        @Range(min = 2) @Doc("Keep only the first n classes, in training and test data (default: all)")
        Integer classes,
        @Range(min = 1) @Doc("Keep the first n training images of each class, in file order (default: all)")
        Integer trainPerClass,
        @Range(min = 1) @Doc("Keep the first n test images of each class, in file order, for quick trials (default: all)")
        Integer testPerClass,
        @Range(min = 1)
        @Doc("Long-tailed training data: class c of K keeps floor(n * f^(-c/(K-1))) images, n the smallest class count (default: balanced)")
        Double imbalanceFactor,
        @Range(min = 0, minExclusive = true)
        @Doc("Per-channel mean of x/255 (default: the data set's published value, else computed on the training split)")
        List<Double> mean,
        @Range(min = 0, minExclusive = true) @Doc("Per-channel std of x/255 (default: as mean)") List<Double> std,
        @Range(min = 1) @Doc("Batch size for inference (default 1000)") Integer evalBatchSize,
        @Doc("Evaluate held-out top-1 and NLL after every epoch (default true)") Boolean evalEachEpoch,
        @Range(min = 0) @Doc("Training augmentation: random crop after zero-padding this many pixels (default 0: none)")
        Integer cropPadding,
        @Doc("Training augmentation: horizontal flip with probability 1/2 (default false)") Boolean horizontalFlip)
        implements TaskSpec {

    public VisionTaskSpec {
        dataset = dataset == null ? "fashion-mnist" : dataset;
        mean = mean == null ? null : List.copyOf(mean);
        std = std == null ? null : List.copyOf(std);
        if ((mean == null) != (std == null)) {
            throw new IllegalArgumentException("give both mean and std, or neither");
        }
        if (mean != null && mean.size() != std.size()) {
            throw new IllegalArgumentException("mean has " + mean.size() + " channels but std has " + std.size());
        }
        evalBatchSize = evalBatchSize == null ? 1000 : evalBatchSize;
        evalEachEpoch = evalEachEpoch == null ? Boolean.TRUE : evalEachEpoch;
        cropPadding = cropPadding == null ? 0 : cropPadding;
        horizontalFlip = horizontalFlip == null ? Boolean.FALSE : horizontalFlip;
    }

    /** Whether training inputs are augmented (then teachers are run on each augmented batch). */
    public boolean augmented() {
        return cropPadding > 0 || horizontalFlip;
    }
}
