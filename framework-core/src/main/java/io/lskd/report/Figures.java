package io.lskd.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's figures, drawn with XChart into PNG images (AWT, headless). Each method returns
 * null when the runs hold nothing to draw.
 */
final class Figures {

    private static final int W = 460;
    private static final int H = 360;
    /** The lowest probability the logarithmic class-mean softmax chart shows. */
    static final double LOG_FLOOR = 1e-4;

    private Figures() {
    }

    /**
     * Müller et al.'s template-plane scatter: non-LS and LS teacher, training and held-out split,
     * one seed's runs (the lowest seed both teachers finished).
     */
    static BufferedImage projection(TaskRuns t) {
        String plain = t.teacher(false);
        String ls = t.teacher(true);
        Integer seed = commonSeed(t, plain, ls);
        if (seed == null || t.run(plain, seed).analysis() == null
                || t.run(plain, seed).analysis().path("projection").isNull()
                || t.run(plain, seed).analysis().path("projection").isMissingNode()) {
            return null;
        }
        List<Chart<?, ?>> charts = new ArrayList<>();
        for (String arm : new String[] {plain, ls}) {
            JsonNode projection = t.run(arm, seed).analysis().get("projection");
            for (String split : new String[] {"train", "test"}) {
                XYChart chart = new XYChartBuilder().width(W).height(H)
                        .title(arm + ", " + split + " (seed " + seed + ")").xAxisTitle("u1").yAxisTitle("u2").build();
                chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                chart.getStyler().setMarkerSize(4);
                chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
                JsonNode points = projection.get(split).get("points");
                for (int k = 0; k < 3; k++) {
                    JsonNode cls = points.get(k);
                    double[] x = new double[cls.size()];
                    double[] y = new double[cls.size()];
                    for (int i = 0; i < cls.size(); i++) {
                        x[i] = cls.get(i).get(0).asDouble();
                        y[i] = cls.get(i).get(1).asDouble();
                    }
                    if (x.length > 0) {
                        chart.addSeries(projection.get("classes").get(k).asText(), x, y).setMarker(SeriesMarkers.CIRCLE);
                    }
                }
                charts.add(chart);
            }
        }
        return grid(charts, 2);
    }

    /** The class-mean softmax of the three projection classes (log scale), non-LS and LS teacher. */
    static BufferedImage classMeanSoftmax(TaskRuns t) {
        String plain = t.teacher(false);
        String ls = t.teacher(true);
        Integer seed = commonSeed(t, plain, ls);
        if (seed == null || t.run(plain, seed).analysis() == null) {
            return null;
        }
        List<Chart<?, ?>> charts = new ArrayList<>();
        for (String arm : new String[] {plain, ls}) {
            JsonNode analysis = t.run(arm, seed).analysis();
            List<String> names = new ArrayList<>();
            analysis.get("classNames").forEach(n -> names.add(n.asText()));
            List<Integer> shown = new ArrayList<>();
            JsonNode projection = analysis.path("projection");
            if (projection.has("classes")) {
                projection.get("classes").forEach(c -> shown.add(names.indexOf(c.asText())));
            } else {
                for (int c = 0; c < Math.min(3, names.size()); c++) {
                    shown.add(c);
                }
            }
            CategoryChart chart = new CategoryChartBuilder().width(W + 140).height(H)
                    .title(arm + ": mean softmax per true class (seed " + seed + ")").xAxisTitle("predicted class")
                    .yAxisTitle("mean probability (log)").build();
            // a logarithmic bar chart needs a positive floor: values below it are drawn at it
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setYAxisMin(LOG_FLOOR);
            chart.getStyler().setYAxisMax(1.0);
            chart.getStyler().setXAxisLabelRotation(45);
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
            for (int c : shown) {
                List<Double> row = new ArrayList<>();
                analysis.get("classMeanSoftmax").get(c).forEach(v -> row.add(Math.max(v.asDouble(), LOG_FLOOR)));
                chart.addSeries("true " + names.get(c), names, row);
            }
            charts.add(chart);
        }
        return grid(charts, 2);
    }

    /** Reliability diagram: accuracy against mean confidence per bin, pooled over seeds. */
    static BufferedImage reliability(TaskRuns t, List<String> arms) {
        XYChart chart = new XYChartBuilder().width(W + 80).height(H + 40).title("Reliability (held-out, all seeds)")
                .xAxisTitle("mean confidence in bin").yAxisTitle("accuracy in bin").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        chart.addSeries("perfect calibration", new double[] {0, 1}, new double[] {0, 1})
                .setMarker(SeriesMarkers.NONE).setLineColor(Color.GRAY);
        boolean any = false;
        for (String arm : arms) {
            if (arm == null) {
                continue;
            }
            int bins = 0;
            double[] n = null;
            double[] acc = null;
            double[] conf = null;
            for (RunFolder run : t.runs(arm).values()) {
                if (run.analysis() == null) {
                    continue;
                }
                JsonNode r = run.analysis().get("reliability");
                if (n == null) {
                    bins = r.get("counts").size();
                    n = new double[bins];
                    acc = new double[bins];
                    conf = new double[bins];
                }
                for (int b = 0; b < bins; b++) {
                    double count = r.get("counts").get(b).asDouble();
                    if (count > 0) {
                        n[b] += count;
                        acc[b] += count * r.get("accuracies").get(b).asDouble();
                        conf[b] += count * r.get("confidences").get(b).asDouble();
                    }
                }
            }
            if (n == null) {
                continue;
            }
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int b = 0; b < bins; b++) {
                if (n[b] > 0) {
                    x.add(conf[b] / n[b]);
                    y.add(acc[b] / n[b]);
                }
            }
            chart.addSeries(arm, x, y).setMarker(SeriesMarkers.CIRCLE);
            any = true;
        }
        return any ? image(chart) : null;
    }

    /** A per-epoch figure of metrics.jsonl drawn as one chart: its key, the chart's title and axis, a scale. */
    record Curve(String key, String title, String axis, double scale) {
        static final Curve TRAIN_LOSS = new Curve("train_loss", "training loss (mean over seeds)", "train_loss", 1);
        static final Curve TEST_TOP1 = new Curve("test_top1", "held-out top-1 % (mean over seeds)", "top-1 %", 100);
        static final Curve FLIP_RATIO = new Curve("flip_ratio", "flip ratio (mean over seeds)", "share of binary"
                + " weights flipped per step", 1);
        static final Curve VALID_NLL = new Curve("valid_nll", "validation NLL per token (mean over seeds)",
                "valid_nll", 1);
    }

    /**
     * Per-epoch curves of some arms, one chart per curve (mean over seeds); a curve no arm logs
     * is left out. Used for the T = 1 students of the no-LS and the LS teacher (C3; C5 with the
     * binary students' flip ratio) and for a translation task's students.
     */
    static BufferedImage curves(TaskRuns t, List<String> arms, List<Curve> curves) {
        List<XYChart> charts = new ArrayList<>();
        for (Curve curve : curves) {
            XYChart chart = new XYChartBuilder().width(W).height(H).title(curve.title()).xAxisTitle("epoch")
                    .yAxisTitle(curve.axis()).build();
            // XChart's default pattern prints a flip ratio's axis with 15 decimals
            chart.getStyler().setYAxisDecimalPattern("0.####");
            for (String arm : arms) {
                Map<Integer, List<Double>> byEpoch = new TreeMap<>();
                for (RunFolder run : t.runs(arm).values()) {
                    for (JsonNode e : run.epochs()) {
                        byEpoch.computeIfAbsent(e.get("epoch").asInt(), k -> new ArrayList<>())
                                .add(curve.scale() * e.path(curve.key()).asDouble(Double.NaN));
                    }
                }
                // epochs without the figure (a binary student's real-valued first step has no flip ratio) are skipped
                List<Integer> epochs = byEpoch.keySet().stream()
                        .filter(e -> !Double.isNaN(Stat.of(byEpoch.get(e)).mean())).toList();
                if (!epochs.isEmpty()) {
                    chart.addSeries(arm, epochs, epochs.stream().map(e -> Stat.of(byEpoch.get(e)).mean()).toList());
                }
            }
            if (!chart.getSeriesMap().isEmpty()) {
                charts.add(chart);
            }
        }
        return charts.isEmpty() ? null : grid(charts, 2);
    }

    /** A translation task's held-out BLEU and chrF per arm, mean ± std over seeds (C5). */
    static BufferedImage translationScores(TaskRuns t) {
        List<String> arms = t.armNames().stream().filter(a -> !t.runs(a).isEmpty()).toList();
        if (arms.isEmpty()) {
            return null;
        }
        CategoryChart chart = new CategoryChartBuilder().width(W + 200).height(H + 40)
                .title("held-out BLEU and chrF per arm (mean ± std over seeds)").yAxisTitle("score (0-100)").build();
        chart.getStyler().setXAxisLabelRotation(20);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        for (Measure m : List.of(Measure.BLEU, Measure.CHRF)) {
            List<Double> means = new ArrayList<>();
            List<Double> stds = new ArrayList<>();
            for (String arm : arms) {
                Stat s = t.stat(arm, m.figure());
                means.add(Double.isNaN(s.mean()) ? 0 : s.mean());
                stds.add(Double.isNaN(s.std()) ? 0 : s.std());
            }
            chart.addSeries(m.heading(), arms, means, stds);
        }
        return image(chart);
    }

    /** Student top-1 against temperature for both teachers, and the teachers' soft-label diffusion (C7). */
    static BufferedImage temperature(TaskRuns t) {
        List<TaskRuns.Pair> pairs = t.realValuedPairs();
        if (pairs.stream().map(TaskRuns.Pair::temperature).distinct().count() < 2) {
            return null;
        }
        XYChart students = new XYChartBuilder().width(W).height(H).title("student top-1 % vs T (mean ± std)")
                .xAxisTitle("temperature T").yAxisTitle("top-1 %").build();
        Map<String, List<double[]>> lines = new LinkedHashMap<>();
        for (TaskRuns.Pair p : pairs) {
            for (boolean ls : new boolean[] {false, true}) {
                Stat s = t.stat(ls ? p.ls() : p.plain(), r -> r.metric("top1"));
                if (s.n() == 0) {
                    continue;
                }
                lines.computeIfAbsent(ls ? "LS teacher" : "no-LS teacher", k -> new ArrayList<>())
                        .add(new double[] {p.temperature(), 100 * s.mean(), Double.isNaN(s.std()) ? 0 : 100 * s.std()});
            }
        }
        if (lines.values().stream().allMatch(pts -> pts.size() < 2)) {
            return null;
        }
        lines.forEach((name, pts) -> students.addSeries(name, pts.stream().mapToDouble(v -> v[0]).toArray(),
                pts.stream().mapToDouble(v -> v[1]).toArray(), pts.stream().mapToDouble(v -> v[2]).toArray()));
        XYChart diffusion = new XYChartBuilder().width(W).height(H).title("teachers' soft-label diffusion (train)")
                .xAxisTitle("temperature T").yAxisTitle("diffusion").build();
        for (String arm : new String[] {t.teacher(false), t.teacher(true)}) {
            Map<Double, List<Double>> byT = new TreeMap<>();
            for (RunFolder run : t.runs(arm).values()) {
                if (run.analysis() != null) {
                    run.analysis().path("diffusion").forEach(d -> byT.computeIfAbsent(d.get("temperature").asDouble(),
                            k -> new ArrayList<>()).add(d.get("diffusion").asDouble()));
                }
            }
            if (!byT.isEmpty()) {
                List<Double> ts = new ArrayList<>(byT.keySet());
                diffusion.addSeries(arm, ts, ts.stream().map(x -> Stat.of(byT.get(x)).mean()).toList());
            }
        }
        return diffusion.getSeriesMap().isEmpty() ? image(students) : grid(List.of(students, diffusion), 2);
    }

    /** Per task: the LS teacher's student minus the non-LS teacher's, top-1 points, mean ± std over seeds (C6). */
    static BufferedImage lsGapPerTask(List<TaskRuns> tasks) {
        List<String> names = new ArrayList<>();
        List<Double> gaps = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (TaskRuns t : tasks) {
            TaskRuns.Pair p = t.pairAtT1();
            if (p == null) {
                continue;
            }
            Stat d = new Comparison("", "", "", t.values(p.ls(), r -> r.metric("top1")),
                    t.values(p.plain(), r -> r.metric("top1")), -1).difference();
            if (d.n() == 0) {
                continue;
            }
            names.add(t.label());
            gaps.add(100 * d.mean());
            errors.add(Double.isNaN(d.std()) ? 0 : 100 * d.std());
        }
        if (names.size() < 2) {
            return null;
        }
        CategoryChart chart = new CategoryChartBuilder().width(W + 200).height(H + 40)
                .title("student top-1: LS teacher minus no-LS teacher (T = 1), points").yAxisTitle("difference (points)")
                .build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(20);
        chart.addSeries("LS - no LS", names, gaps, errors);
        return image(chart);
    }

    static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage image(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Charts laid out row by row, {@code columns} to a row, on white. */
    private static BufferedImage grid(List<? extends Chart<?, ?>> charts, int columns) {
        List<BufferedImage> images = charts.stream().map(Figures::image).toList();
        int w = images.stream().mapToInt(BufferedImage::getWidth).max().orElse(1);
        int h = images.stream().mapToInt(BufferedImage::getHeight).max().orElse(1);
        int rows = (images.size() + columns - 1) / columns;
        BufferedImage out = new BufferedImage(w * Math.min(columns, images.size()), h * rows, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        for (int i = 0; i < images.size(); i++) {
            g.drawImage(images.get(i), (i % columns) * w, (i / columns) * h, null);
        }
        g.dispose();
        return out;
    }

    private static Integer commonSeed(TaskRuns t, String a, String b) {
        if (a == null || b == null) {
            return null;
        }
        return t.runs(a).keySet().stream().filter(s -> t.runs(b).containsKey(s)).min(Integer::compare).orElse(null);
    }
}
