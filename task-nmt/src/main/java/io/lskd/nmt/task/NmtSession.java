package io.lskd.nmt.task;

import io.lskd.graph.GraphDistiller;
import io.lskd.graph.TeacherOutputCache;
import io.lskd.graph.TrainingInterruptedException;
import io.lskd.nmt.data.CorpusCatalog;
import io.lskd.nmt.data.SentencePair;
import io.lskd.nmt.decode.BeamSearch;
import io.lskd.nmt.decode.LengthLimit;
import io.lskd.nmt.loss.SequenceKdDistiller;
import io.lskd.nmt.loss.TokenTargets;
import io.lskd.nmt.metrics.Bleu;
import io.lskd.nmt.metrics.Chrf;
import io.lskd.nmt.model.IncrementalDecoder;
import io.lskd.nmt.model.NmtGraph;
import io.lskd.nmt.model.TokenBatch;
import io.lskd.nmt.model.TransformerSpec;
import io.lskd.nmt.model.Vocabulary;
import io.lskd.nmt.text.Bpe;
import io.lskd.spec.ArmSpec;
import io.lskd.spec.TrainingSpec;
import io.lskd.spi.TaskSession;
import io.lskd.spi.TrainedModel;
import io.lskd.spi.TrainingMonitor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.BooleanSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LogSoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A translation task with its corpus split and tokenised. Every model of a suite shares the
 * tokenizer learnt here on the training split. Evaluation on the test split: BLEU and chrF
 * (sacreBLEU's defaults: 13a tokenisation, exp smoothing; chrF with character order 6, beta 2)
 * of detokenised beam-search output against the raw references, plus teacher-forced token NLL
 * and accuracy. After each epoch: teacher-forced NLL and accuracy on the validation split.
 */
final class NmtSession implements TaskSession {

    private final NmtTaskSpec spec;
    private final CorpusCatalog.Corpus corpus;
    private final Bpe bpe;
    private final int[][] trainSources;
    private final int[][] trainTargets;
    private final int[][] validSources;
    private final int[][] validTargets;
    private final int[][] testSources;
    private final int[][] testTargets;
    private final List<String> testReferences;
    /** BLEU and chrF of the untranslated test sources: the floor a translation must clear. */
    private final double copyBleu;
    private final double copyChrf;
    private final int trainPairs;

    NmtSession(NmtTaskSpec spec, CorpusCatalog.Corpus corpus, List<SentencePair> train, List<SentencePair> test,
               Bpe bpe) {
        this.spec = spec;
        this.corpus = corpus;
        this.bpe = bpe;
        this.trainPairs = train.size();
        List<int[]> ts = new ArrayList<>();
        List<int[]> tt = new ArrayList<>();
        for (SentencePair p : train) {
            int[] s = encode(p.source());
            int[] t = encode(p.target());
            if (s.length <= spec.maxTokens() && t.length <= spec.maxTokens()) {
                ts.add(s);
                tt.add(t);
            }
        }
        this.trainSources = ts.toArray(new int[0][]);
        this.trainTargets = tt.toArray(new int[0][]);
        List<SentencePair> valid = corpus.splits().valid();
        this.validSources = valid.stream().map(p -> encode(p.source())).toArray(int[][]::new);
        this.validTargets = valid.stream().map(p -> encode(p.target())).toArray(int[][]::new);
        this.testSources = test.stream().map(p -> encode(p.source())).toArray(int[][]::new);
        this.testTargets = test.stream().map(p -> encode(p.target())).toArray(int[][]::new);
        this.testReferences = test.stream().map(SentencePair::target).toList();
        List<String> untranslated = test.stream().map(SentencePair::source).toList();
        this.copyBleu = new Bleu().corpusScore(untranslated, List.of(testReferences)).score();
        this.copyChrf = new Chrf().corpusScore(untranslated, List.of(testReferences)).score();
    }

    /** Subword ids followed by EOS. */
    private int[] encode(String text) {
        int[] ids = bpe.encode(text);
        int[] out = Arrays.copyOf(ids, ids.length + 1);
        out[ids.length] = Vocabulary.EOS;
        return out;
    }

    Bpe tokenizer() {
        return bpe;
    }

    /** The encoded training sources, each ending in EOS, in training-set order. */
    int[][] trainSources() {
        return trainSources;
    }

    @Override
    public String datasetFingerprint() {
        StringBuilder text = new StringBuilder(corpus.rule()).append('\n').append(bpe.fingerprint()).append('\n')
                .append(spec.trainLimit()).append('/').append(spec.testLimit()).append('/').append(spec.maxTokens());
        for (int[][] split : List.of(trainSources, trainTargets, validSources, validTargets, testSources, testTargets)) {
            for (int[] s : split) {
                text.append('\n').append(Arrays.toString(s));
            }
        }
        text.append('\n').append(String.join("\n", testReferences));
        return sha256(text.toString());
    }

    @Override
    public String describe() {
        long targetTokens = 0;
        for (int[] t : trainTargets) {
            targetTokens += t.length;
        }
        return String.format("%s (%s -> %s, split %s): train %,d pairs (%,d after the %d-token limit, %.1f target"
                        + " tokens per pair with EOS), valid %,d, test %,d; joint BPE vocabulary %,d; copying the"
                        + " source scores BLEU %.2f, chrF %.2f on the test split",
                corpus.source(), spec.sourceLanguage(), spec.targetLanguage(), corpus.rule(), trainPairs,
                trainSources.length, spec.maxTokens(), (double) targetTokens / Math.max(1, trainTargets.length),
                validSources.length, testSources.length, bpe.vocabSize(), copyBleu, copyChrf);
    }

    @Override
    public int trainSize() {
        return trainSources.length;
    }

    /** Timed on a few real batches, the decoding of a sequence-level KD teacher included ({@link NmtTimeEstimate}). */
    @Override
    public OptionalDouble secondsToTrain(ArmSpec arm, ArmSpec teacher, TrainingSpec training) {
        return OptionalDouble.of(new NmtTimeEstimate(trainSources, trainTargets, spec,
                a -> graph(a, a.distiller().create(), training, 0)).seconds(arm, teacher, training));
    }

    @Override
    public TrainedModel train(ArmSpec arm, TrainingSpec training, long initSeed, long dataSeed, TrainedModel teacher,
                              TrainingMonitor monitor) {
        GraphDistiller distiller = arm.distiller().create();
        NmtGraph graph = graph(arm, distiller, training, initSeed);
        NmtModel model = new NmtModel(graph, bpe, dataSeed * 31 + 17);
        NmtModel teacherModel = (NmtModel) teacher;
        if (distiller.needsTeacher() && teacherModel == null) {
            throw new IllegalStateException("arm '" + arm.name() + "' needs a teacher but has none");
        }
        int[][] targets = trainTargets;
        if (distiller instanceof SequenceKdDistiller seqKd) {
            // Kim and Rush: the teacher's beam output replaces each reference
            int[][] outputs = teacherModel.translations(seqKd.beamSize(),
                    () -> trainTranslations(teacherModel, seqKd.beamSize(), monitor));
            targets = new int[outputs.length][];
            for (int i = 0; i < outputs.length; i++) {
                targets[i] = Arrays.copyOf(outputs[i], outputs[i].length + 1);
                targets[i][outputs[i].length] = Vocabulary.EOS;
            }
        }
        NmtTrainer.train(model, trainSources, targets, graph.needsTeacherTarget() ? teacherModel : null, training,
                dataSeed, monitor, epoch -> spec.evalEachEpoch() && validSources.length > 0
                        ? prefixed("valid_", teacherForced(model, validSources, validTargets)) : Map.of());
        return model;
    }

    /**
     * Reloads a finished run's model: the arm's graph is built as for training, then every
     * parameter is read from {@code file}. The tokenizer saved beside it must be this task's
     * (the model's ids mean nothing under another vocabulary). A reloaded model that trains
     * further draws its dropout masks from a stream seeded by {@code initSeed}: the training
     * stream's position is kept in checkpoints, not in the saved model.
     *
     * @throws IOException naming the file when the model or its tokenizer is missing, unreadable,
     *     of another architecture or another vocabulary
     */
    @Override
    public TrainedModel load(ArmSpec arm, TrainingSpec training, long initSeed, Path file) throws IOException {
        Path tokenizerFile = file.resolveSibling(NmtModel.TOKENIZER_FILE);
        if (!Files.isRegularFile(tokenizerFile)) {
            throw new IOException(tokenizerFile + ": missing; a saved translation model has its tokenizer beside it");
        }
        Bpe saved = Bpe.load(tokenizerFile);
        if (!saved.fingerprint().equals(bpe.fingerprint())) {
            throw new IOException(tokenizerFile + ": the model at " + file + " was trained with another subword"
                    + " vocabulary (" + saved.vocabSize() + " symbols, SHA-256 " + saved.fingerprint().substring(0, 12)
                    + ") than this task's (" + bpe.vocabSize() + " symbols, " + bpe.fingerprint().substring(0, 12)
                    + "); it cannot translate this task's data");
        }
        NmtGraph graph = graph(arm, arm.distiller().create(), training, initSeed);
        graph.loadParameters(file);
        return new NmtModel(graph, bpe, initSeed);
    }

    /** The arm's Transformer with its loss, initialised from {@code initSeed}. */
    private NmtGraph graph(ArmSpec arm, GraphDistiller distiller, TrainingSpec training, long initSeed) {
        if (!(arm.model() instanceof TransformerSpec modelSpec)) {
            throw new IllegalArgumentException("arm '" + arm.name() + "': the nmt task trains 'transformer' models");
        }
        DataType dataType = "float64".equals(training.precision()) ? DataType.DOUBLE : DataType.FLOAT;
        return new NmtGraph(modelSpec, bpe.vocabSize(), distiller,
                TokenTargets.of(arm.smoother().create(), bpe.vocabSize()), dataType, initSeed);
    }

    /**
     * A teacher's beam translations of the training sources, from the teacher-output cache when
     * the runner gives one (so a resumed or later student of the same teacher does not decode the
     * training split again), else decoded here. Decoding reports its progress, stops when the
     * user asks, and keeps the batches done in the cache folder, so that a stopped or killed run
     * continues from them.
     */
    private int[][] trainTranslations(NmtModel teacher, int beamSize, TrainingMonitor monitor) {
        Path cacheFolder = monitor.teacherOutputFolder();
        if (cacheFolder == null) {
            return translate(teacher, trainSources, beamSize, trainProgress(beamSize, monitor), null,
                    monitor::stopRequested);
        }
        TeacherOutputCache cache = new TeacherOutputCache(cacheFolder);
        String transform = trainTranslationsTransform(beamSize);
        TeacherOutputCache.PartialSequences partial = cache.partialSequences(teacher.fingerprint(),
                datasetFingerprint(), transform);
        int[][] out = cache.sequences(teacher.fingerprint(), datasetFingerprint(), transform,
                () -> translate(teacher, trainSources, beamSize, trainProgress(beamSize, monitor), partial,
                        monitor::stopRequested));
        partial.delete();
        return out;
    }

    private DecodingProgress trainProgress(int beamSize, TrainingMonitor monitor) {
        return new DecodingProgress("the teacher's beam-" + beamSize + " translations of the training sources",
                trainSources, monitor::notice);
    }

    /** The cache's name for beam search on the training sources with this task's decoding options. */
    String trainTranslationsTransform(int beamSize) {
        return String.format(java.util.Locale.ROOT, "train sources, beam search: beam %d, length penalty %s,"
                        + " max length %s x source + %d, batch %d", beamSize, spec.lengthPenalty(), spec.maxLengthA(),
                spec.maxLengthB(), spec.evalBatchSize());
    }

    @Override
    public Map<String, Double> evaluate(TrainedModel trained, ArmSpec.Role role, TrainedModel teacher) {
        NmtModel model = (NmtModel) trained;
        List<String> hypotheses = detokenized(model, testSources, spec.beamSize());
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("bleu", new Bleu().corpusScore(hypotheses, List.of(testReferences)).score());
        out.put("chrf", new Chrf().corpusScore(hypotheses, List.of(testReferences)).score());
        out.put("copy_bleu", copyBleu);
        out.put("copy_chrf", copyChrf);
        out.putAll(teacherForced(model, testSources, testTargets));
        return out;
    }

    /** Detokenised beam-search translations of sources, in order. */
    List<String> detokenized(NmtModel model, int[][] sources, int beamSize) {
        int[][] outputs = translate(model, sources, beamSize, DecodingProgress.silent(sources));
        List<String> out = new ArrayList<>(outputs.length);
        for (int[] o : outputs) {
            out.add(bpe.decode(o));
        }
        return out;
    }

    /**
     * Beam-search outputs (without BOS and EOS), batched by similar source length, in input
     * order; each batch is reported to {@code progress}.
     */
    int[][] translate(NmtModel model, int[][] sources, int beamSize, DecodingProgress progress) {
        return translate(model, sources, beamSize, progress, null, () -> false);
    }

    /**
     * The same, continuing from the outputs {@code partial} kept and keeping them there whenever
     * a progress line is due; when {@code stop} says so after a batch, it keeps them and stops.
     *
     * @param partial where the outputs so far are kept (in decoding order), or null
     * @throws TrainingInterruptedException when {@code stop} asked to stop
     */
    int[][] translate(NmtModel model, int[][] sources, int beamSize, DecodingProgress progress,
                      TeacherOutputCache.PartialSequences partial, BooleanSupplier stop) {
        NmtGraph graph = model.graph();
        BeamSearch search = new BeamSearch(beamSize, spec.lengthPenalty(),
                new LengthLimit(spec.maxLengthA(), spec.maxLengthB(), 1024));
        Integer[] order = decodingOrder(sources);
        int[][] decoded = new int[sources.length][]; // in decoding order
        int[][] kept = partial == null ? new int[0][] : partial.kept();
        int start = kept.length <= sources.length ? kept.length : 0;
        long tokens = 0;
        for (int i = 0; i < start; i++) {
            decoded[i] = kept[i];
            tokens += sources[order[i]].length;
        }
        if (start > 0) {
            progress.kept(start, tokens);
        }
        for (int from = start; from < order.length; from += spec.evalBatchSize()) {
            int to = Math.min(order.length, from + spec.evalBatchSize());
            int[][] chunk = new int[to - from][];
            int[] lengths = new int[chunk.length];
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = sources[order[from + i]];
                lengths[i] = chunk[i].length;
                tokens += chunk[i].length;
            }
            try (IncrementalDecoder decoder = graph.decoder(chunk)) {
                System.arraycopy(search.decode(decoder, lengths), 0, decoded, from, chunk.length);
            }
            boolean lineDue = progress.decoded(to, tokens);
            boolean stopping = to < order.length && stop.getAsBoolean();
            if (partial != null && to < order.length && (lineDue || stopping)) {
                partial.keep(Arrays.copyOf(decoded, to));
            }
            if (stopping) {
                throw new TrainingInterruptedException(String.format(java.util.Locale.ROOT, "while translating the"
                        + " training sources; the %,d of %,d decoded %s", to, order.length,
                        partial != null ? "are kept" : "are not kept (no teacher-output folder)"));
            }
        }
        int[][] out = new int[sources.length][];
        for (int i = 0; i < order.length; i++) {
            out[order[i]] = decoded[i];
        }
        return out;
    }

    /** The indices of {@code sources} by length, shortest first: decoding batches neighbours, which pad little. */
    static Integer[] decodingOrder(int[][] sources) {
        Integer[] order = new Integer[sources.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> sources[i].length));
        return order;
    }

    /** Teacher-forced mean NLL per target token and token accuracy (argmax equals the reference). */
    Map<String, Double> teacherForced(NmtModel model, int[][] sources, int[][] targets) {
        double nll = 0;
        long correct = 0;
        long tokens = 0;
        for (int from = 0; from < sources.length; from += spec.evalBatchSize()) {
            int to = Math.min(sources.length, from + spec.evalBatchSize());
            TokenBatch batch = new TokenBatch(Arrays.copyOfRange(sources, from, to), Arrays.copyOfRange(targets, from, to));
            INDArray logits = model.graph().logits(batch);
            INDArray logProbs = Nd4j.exec(new LogSoftMax(logits.castTo(DataType.DOUBLE)))[0];
            INDArray argmax = Nd4j.argMax(logits, 1);
            int t = 0;
            for (int[] g : batch.target()) {
                t = Math.max(t, g.length);
            }
            for (int b = 0; b < batch.size(); b++) {
                for (int p = 0; p < batch.target()[b].length; p++) {
                    long r = (long) b * t + p;
                    int y = batch.target()[b][p];
                    nll -= logProbs.getDouble(r, y);
                    correct += argmax.getLong(r) == y ? 1 : 0;
                    tokens++;
                }
            }
            logits.close();
            logProbs.close();
            argmax.close();
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("nll", nll / tokens);
        out.put("token_accuracy", (double) correct / tokens);
        return out;
    }

    private static Map<String, Double> prefixed(String prefix, Map<String, Double> metrics) {
        Map<String, Double> out = new LinkedHashMap<>();
        metrics.forEach((k, v) -> out.put(prefix + k, v));
        return out;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
