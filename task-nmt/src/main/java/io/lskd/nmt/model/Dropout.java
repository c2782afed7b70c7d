package io.lskd.nmt.model;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Inverted dropout whose masks are placeholders, one per site, drawn by the trainer from a
 * seeded stream. The mask then is data, so the gradient is an exact product with it, runs
 * are reproducible, and numeric gradient checks can fix it; SameDiff's own random dropout
 * op would draw inside the graph, out of our control.
 */
final class Dropout {

    /** A dropout site: its placeholder's name, its width, and whether its rows are target tokens. */
    record Site(String name, int width, boolean target) {
    }

    private final SameDiff sd;
    private final DataType dataType;
    private final List<Site> sites = new ArrayList<>();

    Dropout(SameDiff sd, DataType dataType) {
        this.sd = sd;
        this.dataType = dataType;
    }

    /** x times the site's mask, whose kept entries hold 1 / (1 - p) and dropped ones 0. */
    SDVariable apply(String name, SDVariable x, int width, boolean target) {
        String placeholder = "dropout/" + name;
        sites.add(new Site(placeholder, width, target));
        return x.mul(sd.placeHolder(placeholder, dataType, -1, width));
    }

    List<Site> sites() {
        return List.copyOf(sites);
    }
}
