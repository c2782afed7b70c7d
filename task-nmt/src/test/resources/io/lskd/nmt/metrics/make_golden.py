"""Writes the golden files of the lskd metrics tests from sacreBLEU itself.

    sacrebleu-golden.json   BLEU and chrF/chrF++ cases: corpus and sentence level, every tokenizer,
                            lowercase, every smoothing, effective order, several and variable
                            references, real Bible text, random strings full of edge cases
    tokenizer-golden.json   the tokens of random lines under each BLEU tokenizer

Generated with sacreBLEU 2.6.0 (pip wheel from PyPI, as the Debian package could not be
installed in the build machine) on Python 3.11.7 with regex 2026.5.9. Run from the repository
root, with /work/wt/shared/data/bible-es-en.tsv.gz (verse<TAB>spanish<TAB>english) present:
    python3 task-nmt/src/test/resources/io/lskd/nmt/metrics/make_golden.py
"""
import gzip
import json
import random

import sacrebleu
from sacrebleu.metrics import BLEU, CHRF
from sacrebleu.metrics.bleu import _get_tokenizer
from sacrebleu.utils import sum_of_lists

OUT = "task-nmt/src/test/resources/io/lskd/nmt/metrics/"
BIBLE = "/work/wt/shared/data/bible-es-en.tsv.gz"
rng = random.Random(20240601)

cases = []


def bleu_case(name, hyps, refs, sentence=False, **options):
    metric = BLEU(**options)
    if sentence:
        s = metric.sentence_score(hyps[0], [r[0] for r in refs])
    else:
        s = metric.corpus_score(hyps, refs)
    cases.append({
        "name": name, "metric": "bleu", "hyps": hyps, "refs": refs,
        "options": dict(options, sentence=sentence),
        "score": s.score, "counts": list(s.counts), "totals": list(s.totals),
        "precisions": list(s.precisions), "bp": s.bp, "sys_len": s.sys_len, "ref_len": s.ref_len,
        "signature": metric.get_signature().format(), "formatted": s.format(width=2),
    })


def chrf_case(name, hyps, refs, sentence=False, **options):
    metric = CHRF(**options)
    if sentence:
        segment_refs = [r[0] for r in refs]
        s = metric.sentence_score(hyps[0], segment_refs)
        stats = metric._extract_corpus_statistics([hyps[0]], [[r] for r in segment_refs])
    else:
        s = metric.corpus_score(hyps, refs)
        stats = metric._extract_corpus_statistics(hyps, refs)
    cases.append({
        "name": name, "metric": "chrf", "hyps": hyps, "refs": refs,
        "options": dict(options, sentence=sentence),
        "score": s.score, "statistics": [int(x) for x in sum_of_lists(stats)],
        "signature": metric.get_signature().format(), "formatted": s.format(width=2),
    })


# --- sacreBLEU's README example and small hand-made cases -------------------------------------
README_HYPS = ["The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."]
README_REFS = [["The dog bit the man.", "It was not unexpected.", "The man bit him first."],
               ["The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."]]
for metric_case in (bleu_case, chrf_case):
    tag = metric_case.__name__[:4]
    metric_case(f"{tag}-readme-2refs", README_HYPS, README_REFS)
    metric_case(f"{tag}-readme-1ref", README_HYPS, README_REFS[:1])
    metric_case(f"{tag}-readme-variable-refs", README_HYPS,
                [README_REFS[0], [README_REFS[1][0], None, README_REFS[1][2]]])
    metric_case(f"{tag}-readme-empty-ref-line", README_HYPS,
                [README_REFS[0], [README_REFS[1][0], "", README_REFS[1][2]]])
    metric_case(f"{tag}-empty-hypotheses", ["", "", ""], README_REFS)
    metric_case(f"{tag}-identical", ["this is a test", "so is this"], [["this is a test", "so is this"]])
    metric_case(f"{tag}-sentence-1", ["The cat sat on the mat."], [["The cat is on the mat."]], sentence=True,
                **({"effective_order": True} if tag == "bleu" else {}))
    metric_case(f"{tag}-sentence-2refs", ["It is raining today ."], [["It rains today."], ["Today it is raining."]],
                sentence=True, **({"effective_order": True} if tag == "bleu" else {}))
    metric_case(f"{tag}-sentence-no-overlap", ["abc def"], [["xyz"]], sentence=True)
    metric_case(f"{tag}-lowercase-unicode", ["ΣΑΣ ÉCOLE İstanbul STRASSE ǅ"], [["σας école i̇stanbul straße ǆ"]],
                lowercase=True)

bleu_case("bleu-addk-half", ["the cat", "a dog barks"], [["the cat is on the mat", "the dog barks"]],
          smooth_method="add-k", smooth_value=0.5)
bleu_case("bleu-floor-default", ["the cat", "a dog barks"], [["the cat is on the mat", "the dog barks"]],
          smooth_method="floor")
bleu_case("bleu-floor-0.3", ["the cat", "a dog barks"], [["the cat is on the mat", "the dog barks"]],
          smooth_method="floor", smooth_value=0.3)
bleu_case("bleu-none-eff", ["the cat sat"], [["the cat sat on the mat"]], smooth_method="none",
          effective_order=True)
bleu_case("bleu-exp-value-ignored", ["the cat sat"], [["the cat sat on the mat"]], smooth_value=0.7)
bleu_case("bleu-max-order-2", README_HYPS, README_REFS, max_ngram_order=2)
bleu_case("bleu-max-order-6", README_HYPS, README_REFS, max_ngram_order=6)
bleu_case("bleu-closest-ref-tie", ["a b c d e"], [["a b c d"], ["a b c d e f"]])
bleu_case("bleu-numbers-13a", ["It costs 1,000.50 dollars - or 3-4 euros."], [["It costs 1,000.50 dollars, or 3 - 4 euros."]])
bleu_case("bleu-entities-13a", ["Tom &amp; Jerry say &quot;hi&quot; &lt;skipped&gt; <skipped> well-\nknown"],
          [["Tom & Jerry say \"hi\" <skipped> wellknown"]])
bleu_case("bleu-char-cjk", ["我喜欢吃苹果。", "今天天气很好"], [["我很喜欢吃苹果。", "今天的天气很好"]], tokenize="char")
bleu_case("bleu-intl-unicode", ["«Bonjour», dit-il — 3.5 € ! 🫠 ¿Qué? 1,5 ‰"],
          [["« Bonjour » , dit-il — 3.5 € ! 🙂 ¿ Qué ? 1,5 ‰"]], tokenize="intl")
bleu_case("bleu-none-nbsp", ["a\u00a0b c\u3000d  e\u2028f"], [["a b c d e f"]], tokenize="none")
bleu_case("bleu-trailing-space", ["the cat sat on the mat   \t"], [["the cat sat on the mat\u00a0"]])
chrf_case("chrf-plus-plus-readme", README_HYPS, README_REFS, word_order=2)
chrf_case("chrf-plus-plus-punct", ["(hi) there, friend! .x x. '"], [["( hi ) there , friend ! x x '"]], word_order=2)
chrf_case("chrf-whitespace", README_HYPS, README_REFS, whitespace=True)
chrf_case("chrf-eps", README_HYPS, README_REFS, eps_smoothing=True)
chrf_case("chrf-eps-plus-plus-short", ["a b", "c"], [["a", "c d"]], word_order=2, eps_smoothing=True)
chrf_case("chrf-short-segments", ["a b", "c", ""], [["a", "c d", "e"]])
chrf_case("chrf-beta-1-order-4", README_HYPS, README_REFS, beta=1, char_order=4)
chrf_case("chrf-word-only", README_HYPS, README_REFS, char_order=0, word_order=2)
chrf_case("chrf-emoji-surrogates", ["I 😀 love 🫠 you 𝔘𝔫𝔦"], [["I 😀 loved 🫠 you 𝔘𝔫"]], word_order=2)

# --- real text: the World English Bible and the Reina-Valera 1909 ----------------------------
with gzip.open(BIBLE, "rt", encoding="utf-8") as f:
    rows = [line.rstrip("\n").split("\t") for line in f]
english = [r[2] for r in rows[1000:1150]]
spanish = [r[1] for r in rows[5000:5150]]


def perturb(line):
    words = line.split()
    out = []
    for i, w in enumerate(words):
        x = rng.random()
        if x < 0.08:
            continue  # drop
        if x < 0.14:
            w = w.lower() if rng.random() < 0.5 else w.upper()
        elif x < 0.20:
            w = rng.choice(["the", "and", "of", "a", "y", "de", "la", "."])
        out.append(w)
        if rng.random() < 0.05:
            out.append(rng.choice([",", ".", "said", "Dios", "LORD"]))
    if len(out) > 3 and rng.random() < 0.3:
        i = rng.randrange(len(out) - 1)
        out[i], out[i + 1] = out[i + 1], out[i]
    return " ".join(out)


en_hyp = [perturb(x) for x in english]
en_ref2 = [perturb(x) for x in english]
es_hyp = [perturb(x) for x in spanish]
for tok in ("13a", "intl", "char", "none"):
    bleu_case(f"bleu-bible-en-{tok}", en_hyp, [english], tokenize=tok)
bleu_case("bleu-bible-en-2refs-lc", en_hyp, [english, en_ref2], lowercase=True)
bleu_case("bleu-bible-es-intl-lc", es_hyp, [spanish], tokenize="intl", lowercase=True)
bleu_case("bleu-bible-es-floor-eff", es_hyp, [spanish], smooth_method="floor", effective_order=True)
chrf_case("chrf-bible-en", en_hyp, [english])
chrf_case("chrf-bible-en-plus-plus-2refs", en_hyp, [english, en_ref2], word_order=2)
chrf_case("chrf-bible-es-lc-eps", es_hyp, [spanish], lowercase=True, eps_smoothing=True)
for i in (0, 7, 42):
    bleu_case(f"bleu-bible-sentence-{i}", [en_hyp[i]], [[english[i]], [en_ref2[i]]], sentence=True,
              effective_order=True)
    chrf_case(f"chrf-bible-sentence-{i}", [en_hyp[i]], [[english[i]], [en_ref2[i]]], sentence=True, word_order=2)

# --- random strings full of tokenizer edge cases --------------------------------------------
PIECES = (list("abcxyzABCXYZ0123456789 .,-&;<>\"'()[]{}!?/:@#$%^*_+=|~`") + [
    "&amp;", "&quot;", "&lt;", "&gt;", "<skipped>", "\n", "-\n", "\t", "\r", "\u00a0", "\u3000", "\u2028",
    "\u0085", "\x1f", "é", "ß", "İ", "Σ", "ǅ", "’", "“", "”", "—", "–", "…", "¿", "¡", "€", "£", "½", "²", "٣",
    "你好", "😀", "🫠", "\u0301", "x̱", "‰", "§", "¶", "·", "\u200b", "\ufeff", "ⅷ", "①", "᭎", "⸗",
    " the ", " cat ", " 3.14 ", " 1,000 ", " U.S. ", " e-mail ", " 1990s-era ", " $5 ", " 20% "])


def random_line():
    return "".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 40)))


fuzz_hyps = [random_line() for _ in range(60)]
fuzz_refs = [[random_line() for _ in range(60)], [random_line() for _ in range(60)]]
for tok in ("13a", "intl", "char", "none"):
    bleu_case(f"bleu-fuzz-{tok}", fuzz_hyps, fuzz_refs, tokenize=tok)
bleu_case("bleu-fuzz-13a-lc-addk", fuzz_hyps, fuzz_refs[:1], lowercase=True, smooth_method="add-k")
chrf_case("chrf-fuzz", fuzz_hyps, fuzz_refs)
chrf_case("chrf-fuzz-plus-plus-lc-ws", fuzz_hyps, fuzz_refs, word_order=2, lowercase=True, whitespace=True)

with open(OUT + "sacrebleu-golden.json", "w", encoding="utf-8") as f:
    json.dump({"sacrebleu": sacrebleu.__version__, "cases": cases}, f, ensure_ascii=False, indent=0)

lines = [random_line() for _ in range(400)] + english[:50] + spanish[:50]
tokens = {tok: [_get_tokenizer(tok)()(line).split() for line in lines] for tok in ("13a", "intl", "char", "none")}
with open(OUT + "tokenizer-golden.json", "w", encoding="utf-8") as f:
    json.dump({"sacrebleu": sacrebleu.__version__, "lines": lines, "tokens": tokens}, f, ensure_ascii=False,
              indent=0)
print(len(cases), "cases")
