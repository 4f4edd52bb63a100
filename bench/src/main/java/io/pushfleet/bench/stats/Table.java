package io.pushfleet.bench.stats;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * A plain-text table: a header row, then rows of cells; the first column is left-aligned, the others
 * right-aligned, columns two spaces apart. Built once and printed; not thread-safe.
 */
public final class Table {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... header) {
        if (header.length == 0) {
            throw new IllegalArgumentException("header: empty (expected: at least one column)");
        }
        this.header = List.of(header);
    }

    public Table row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("cells: " + cells.length + " (expected: " + header.size() + ")");
        }
        rows.add(List.of(cells));
        return this;
    }

    /** One row per series: its name, median, min, max, then every run's value. */
    public static Table ofSeries(List<RunSeries> series, int decimals) {
        Table t = new Table("figure", "median", "min", "max", "runs");
        for (RunSeries s : series) {
            StringBuilder runs = new StringBuilder();
            for (double v : s.values()) {
                runs.append(runs.isEmpty() ? "" : " ").append(format(v, decimals));
            }
            t.row(s.name(), format(s.median(), decimals), format(s.min(), decimals), format(s.max(), decimals),
                    runs.toString());
        }
        return t;
    }

    /** {@code value} with {@code decimals} decimals and thousands separators; {@code -} for NaN. */
    public static String format(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    public void print(PrintStream out) {
        requireNonNull(out, "out");
        int[] widths = new int[header.size()];
        for (List<String> r : allRows()) {
            for (int i = 0; i < r.size(); i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        }
        for (List<String> r : allRows()) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                String cell = r.get(i);
                String pad = " ".repeat(widths[i] - cell.length());
                line.append(i == 0 ? "" : "  ").append(i == 0 ? cell + pad : pad + cell);
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private List<List<String>> allRows() {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }
}
