package io.pushfleet.bench.storm;

/** Reading single values out of the Prometheus text format (an edge's {@code GET /metrics}). */
final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * The sum of the samples of metric {@code name} over all label sets ({@code name 12} or
     * {@code name{a="b"} 12}); NaN when there is none.
     */
    static double sum(String text, String name) {
        double total = Double.NaN;
        for (String line : text.split("\n")) {
            if (line.startsWith(name) && line.length() > name.length()
                    && (line.charAt(name.length()) == ' ' || line.charAt(name.length()) == '{')) {
                String value = line.substring(line.lastIndexOf(' ') + 1).trim();
                double v = Double.parseDouble(value);
                total = Double.isNaN(total) ? v : total + v;
            }
        }
        return total;
    }
}
