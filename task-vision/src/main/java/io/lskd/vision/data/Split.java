package io.lskd.vision.data;

import java.util.Locale;

/** A dataset split as the files name it: the training or the test part. */
public enum Split {
    TRAIN,
    TEST;

    /** The lower-case name used in folder layouts and derivations: "train" or "test". */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The split named {@code id} ("train" or "test", any case).
     *
     * @throws IllegalArgumentException naming the bad value and the allowed ones
     */
    public static Split parse(String id) {
        for (Split split : values()) {
            if (split.id().equalsIgnoreCase(id)) {
                return split;
            }
        }
        throw new IllegalArgumentException("unknown split '" + id + "', expected train or test");
    }
}
