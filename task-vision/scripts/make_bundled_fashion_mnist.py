#!/usr/bin/env python3
"""Builds the Fashion-MNIST sample bundled in the task-vision jar.

The vision-quick recipe trains on the first PER_CLASS images of each class of the
Fashion-MNIST training file, in file order, and tests on the full test set. Bundling exactly
that subset (as valid gzipped IDX files) lets the recipe run without a download, and
ImageSet.firstPerClass(PER_CLASS) gives the same images whether it reads the full training
file or this sample (FashionMnistBundleTest checks it).

Usage: make_bundled_fashion_mnist.py SOURCE_DIR TARGET_DIR
  SOURCE_DIR holds train-*-idx?-ubyte.gz, t10k-*-idx?-ubyte.gz and COPYRIGHT (Debian's
  dataset-fashion-mnist layout, e.g. ../shared/data/fashion-mnist).
The output is deterministic (gzip mtime 0), so rebuilding gives byte-identical files.
"""
import gzip
import shutil
import struct
import sys
from pathlib import Path

PER_CLASS = 2000
NUM_CLASSES = 10
IMAGES_MAGIC = 0x00000803
LABELS_MAGIC = 0x00000801
SUBSET_PREFIX = f"fmnist-train-{PER_CLASS}pc"


def read_idx(path, magic):
    data = gzip.decompress(path.read_bytes())
    found = struct.unpack(">I", data[:4])[0]
    if found != magic:
        sys.exit(f"{path}: magic 0x{found:08X}, expected 0x{magic:08X}")
    ndims = magic & 0xFF
    dims = struct.unpack(">" + "I" * ndims, data[4:4 + 4 * ndims])
    return dims, data[4 + 4 * ndims:]


def write_idx(path, magic, dims, body):
    header = struct.pack(">I" + "I" * len(dims), magic, *dims)
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out:
        out.write(header + body)


def main(source, target):
    target.mkdir(parents=True, exist_ok=True)
    (n, rows, cols), pixels = read_idx(source / "train-images-idx3-ubyte.gz", IMAGES_MAGIC)
    (n_labels,), labels = read_idx(source / "train-labels-idx1-ubyte.gz", LABELS_MAGIC)
    if n != n_labels:
        sys.exit(f"{n} training images but {n_labels} labels")
    size = rows * cols
    taken = [0] * NUM_CLASSES
    keep = []
    for i, label in enumerate(labels):
        if taken[label] < PER_CLASS:
            taken[label] += 1
            keep.append(i)
    if any(t < PER_CLASS for t in taken):
        sys.exit(f"a class has fewer than {PER_CLASS} training images: {taken}")
    sub_pixels = b"".join(pixels[i * size:(i + 1) * size] for i in keep)
    sub_labels = bytes(labels[i] for i in keep)
    write_idx(target / f"{SUBSET_PREFIX}-images-idx3-ubyte.gz", IMAGES_MAGIC, (len(keep), rows, cols), sub_pixels)
    write_idx(target / f"{SUBSET_PREFIX}-labels-idx1-ubyte.gz", LABELS_MAGIC, (len(keep),), sub_labels)
    for name in ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "COPYRIGHT"):
        shutil.copyfile(source / name, target / name)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]))
