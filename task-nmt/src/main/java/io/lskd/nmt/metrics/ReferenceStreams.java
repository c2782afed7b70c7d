package io.lskd.nmt.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * sacreBLEU's reference convention: each reference stream is a list parallel to the
 * hypotheses, and segment i has the i-th line of every stream. A {@code null} line means
 * that stream has no reference for that segment (sacreBLEU's variable number of references,
 * shown as {@code nrefs:var}); an empty string is an empty reference, as in sacreBLEU.
 */
final class ReferenceStreams {

    private ReferenceStreams() {
    }

    /**
     * The references of each segment, streams transposed and {@code null}s dropped.
     *
     * @throws IllegalArgumentException when there are no hypotheses or no streams, a stream's length differs from
     *                                  the hypotheses', a hypothesis is null, or a segment has no reference at all
     */
    static List<List<String>> bySegment(List<String> hypotheses, List<List<String>> referenceStreams) {
        if (hypotheses.isEmpty()) {
            throw new IllegalArgumentException("no hypotheses to score");
        }
        if (referenceStreams.isEmpty()) {
            throw new IllegalArgumentException("no reference streams: give at least one list of references "
                    + "parallel to the hypotheses");
        }
        for (int s = 0; s < referenceStreams.size(); s++) {
            int size = referenceStreams.get(s).size();
            if (size != hypotheses.size()) {
                throw new IllegalArgumentException("reference stream " + (s + 1) + " has " + size
                        + " segments but there are " + hypotheses.size() + " hypotheses");
            }
        }
        List<List<String>> segments = new ArrayList<>(hypotheses.size());
        for (int i = 0; i < hypotheses.size(); i++) {
            if (hypotheses.get(i) == null) {
                throw new IllegalArgumentException("hypothesis " + (i + 1) + " is null");
            }
            List<String> refs = new ArrayList<>(referenceStreams.size());
            for (List<String> stream : referenceStreams) {
                String r = stream.get(i);
                if (r != null) {
                    refs.add(r);
                }
            }
            if (refs.isEmpty()) {
                throw new IllegalArgumentException("segment " + (i + 1) + " has no reference (null in every stream)");
            }
            segments.add(refs);
        }
        return segments;
    }

    /** The number of references every segment has, or -1 when it varies (sacreBLEU's {@code var}). */
    static int referencesPerSegment(List<List<String>> bySegment) {
        int n = bySegment.get(0).size();
        for (List<String> refs : bySegment) {
            if (refs.size() != n) {
                return -1;
            }
        }
        return n;
    }
}
