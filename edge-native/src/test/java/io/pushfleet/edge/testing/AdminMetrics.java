package io.pushfleet.edge.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one series from an edge's {@code GET /metrics} on its admin port. */
public final class AdminMetrics {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private AdminMetrics() {
    }

    /** The value of {@code series} (name and labels exactly as printed), or 0 when it is not there yet. */
    public static double read(int adminPort, String series) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher matcher = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.eE+-]+)$", Pattern.MULTILINE)
                .matcher(response.body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0.0;
    }
}
