package io.lskd.nmt.task;

import com.google.inject.Inject;
import io.lskd.nmt.data.BookSplit;
import io.lskd.nmt.data.CorpusCatalog;
import io.lskd.nmt.data.SentencePair;
import io.lskd.nmt.text.Bpe;
import io.lskd.nmt.text.BpeTrainer;
import io.lskd.plugin.Workspace;
import io.lskd.spec.TaskSpec;
import io.lskd.spi.TaskAdapter;
import io.lskd.spi.TaskSession;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a translation task: reads and splits the corpus, applies the limits, and learns the
 * joint BPE vocabulary on the training split (both languages), before any model trains.
 */
public final class NmtAdapter implements TaskAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(NmtAdapter.class);

    private final Workspace workspace;

    @Inject
    public NmtAdapter(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public TaskSession open(TaskSpec task) throws IOException {
        NmtTaskSpec spec = (NmtTaskSpec) task;
        CorpusCatalog.Corpus corpus = new CorpusCatalog(workspace.dataDir()).load(spec.corpus(), spec.sourceLanguage(),
                spec.targetLanguage(), new BookSplit(spec.testBooks(), spec.validBooks()));
        List<SentencePair> train = limit(corpus.splits().train(), spec.trainLimit());
        List<SentencePair> test = limit(corpus.splits().test(), spec.testLimit());
        if (test.isEmpty()) {
            throw new IOException(corpus.source() + ": the test split is empty (rule: " + corpus.rule() + ")");
        }
        long start = System.nanoTime();
        List<String> texts = new ArrayList<>(2 * train.size());
        for (SentencePair p : train) {
            texts.add(p.source());
            texts.add(p.target());
        }
        Bpe bpe = BpeTrainer.train(texts, spec.vocabSize());
        LOG.info("BPE: {} symbols learnt on {} training pairs in {} s", bpe.vocabSize(), train.size(),
                String.format("%.1f", (System.nanoTime() - start) / 1e9));
        return new NmtSession(spec, corpus, train, test, bpe);
    }

    private static List<SentencePair> limit(List<SentencePair> pairs, Integer limit) {
        return limit == null || limit >= pairs.size() ? pairs : pairs.subList(0, limit);
    }
}
