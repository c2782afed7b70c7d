import io.lskd.bench.ResidentPeak;
import io.lskd.distill.CrossEntropySpec;
import io.lskd.nmt.decode.BeamSearch;
import io.lskd.nmt.decode.LengthLimit;
import io.lskd.nmt.loss.TokenTargets;
import io.lskd.nmt.model.IncrementalDecoder;
import io.lskd.nmt.model.NmtGraph;
import io.lskd.nmt.model.TransformerSpec;
import io.lskd.nmt.model.Vocabulary;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Beam-search decoding speed of nmt-kd's Transformers, as a teacher translates the training
 * sources for sequence-level KD: batches of synthetic sources (random ids, EOS last) through
 * {@link IncrementalDecoder} and {@link BeamSearch} (beam 4, length penalty 1, nmt-kd's length
 * limit 1.2 n + 10). The weights are untrained, so every output runs to the length limit: the
 * figure is a worst case per sentence. Run by decode.sh, which sets the launcher's environment.
 *
 * <p>Arguments: model (teacher or student), sentences per batch, source length, batches (the
 * first is a warm-up and not counted).
 */
public class DecodeBench {

    public static void main(String[] args) {
        String model = args.length > 0 ? args[0] : "teacher";
        int sentences = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int length = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        int batches = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        TransformerSpec spec = switch (model) {
            case "teacher" -> new TransformerSpec(3, 3, 256, 4, 1024, 0.1, true);
            case "student" -> new TransformerSpec(2, 2, 128, 4, 512, 0.1, true);
            default -> throw new IllegalArgumentException("model: teacher or student, got " + model);
        };
        int vocabulary = 8000;
        NmtGraph graph = new NmtGraph(spec, vocabulary, new CrossEntropySpec().create(), new TokenTargets(1.0, 0.0),
                DataType.FLOAT, 0);
        SplittableRandom random = new SplittableRandom(0);
        BeamSearch search = new BeamSearch(4, 1.0, new LengthLimit(1.2, 10, 1024));
        int[] lengths = new int[sentences];
        Arrays.fill(lengths, length);
        double[] rates = new double[batches - 1];
        long outputTokens = 0;
        for (int b = 0; b < batches; b++) {
            int[][] sources = new int[sentences][length];
            for (int[] s : sources) {
                for (int p = 0; p < length - 1; p++) {
                    s[p] = random.nextInt(Vocabulary.RESERVED.length, vocabulary);
                }
                s[length - 1] = Vocabulary.EOS;
            }
            long start = System.nanoTime();
            int[][] outputs;
            try (IncrementalDecoder decoder = graph.decoder(sources)) {
                outputs = search.decode(decoder, lengths);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (b > 0) {
                rates[b - 1] = sentences / seconds;
                outputTokens += Arrays.stream(outputs).mapToLong(o -> o.length).sum();
            }
        }
        Arrays.sort(rates);
        String peak = ResidentPeak.bytes().stream().mapToObj(b -> String.format(Locale.ROOT, "%.2f GB", b / 1e9))
                .findFirst().orElse("not reported");
        System.out.printf(Locale.ROOT, "decode %s: beam 4, %d sentences of %d source tokens per batch, %d batches"
                        + " measured: median %.2f sentences/s (each: %s), %.1f output tokens per sentence; peak resident %s%n",
                model, sentences, length, batches - 1, rates[rates.length / 2],
                String.join(", ", Arrays.stream(rates).mapToObj(r -> String.format(Locale.ROOT, "%.2f", r)).toList()),
                (double) outputTokens / (sentences * (batches - 1)), peak);
    }
}
