package io.lskd.nmt.model;

/** The reserved token ids every vocabulary here starts with. */
public final class Vocabulary {

    public static final int PAD = 0;
    public static final int BOS = 1;
    public static final int EOS = 2;
    public static final int UNK = 3;
    /** The reserved symbols, in id order. */
    public static final String[] RESERVED = {"<pad>", "<s>", "</s>", "<unk>"};

    private Vocabulary() {}
}
