package io.pushfleet.control.push;

import io.pushfleet.control.support.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DESIGN 3.11: the trace id of the request that accepted a push is in its 202, in the task view, and in the
 * log lines of the routing that runs later on a router thread, rendered by the configured log format.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class PushTraceIT {

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-b7ad6b7169203331-01";

    @Test
    void logsTheBackgroundRoutingOfAPushUnderTheTraceIdOfItsRequest() {
        Logger logger = Logger.getLogger(PushDispatcher.class.getName());
        Level level = logger.getLevel();
        FormattedLines lines = new FormattedLines(
                ConfigProvider.getConfig().getValue("quarkus.log.console.format", String.class));
        logger.addHandler(lines);
        // The routing line is DEBUG: one per push is too many for INFO.
        logger.setLevel(Level.FINE);
        try {
            Response accepted = given().header("Authorization", PushFixtures.KEY).header("traceparent", TRACEPARENT)
                    .contentType(ContentType.JSON)
                    .body("{\"userIds\":" + PushFixtures.userIds(PushFixtures.userBase(3), 3) + ",\"body\":1}")
                    .when().post("/api/admin/pushes");

            assertThat(accepted.statusCode()).isEqualTo(202);
            assertThat(accepted.jsonPath().getString("traceId")).isEqualTo(TRACE_ID);
            long taskId = accepted.jsonPath().getLong("taskId");
            assertThat(PushFixtures.task(taskId).getString("traceId")).isEqualTo(TRACE_ID);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(lines.lines)
                    .filteredOn(line -> line.contains("taskId=" + taskId + " ") && line.contains(" routed "))
                    .singleElement().satisfies(line -> assertThat(line)
                            .contains("traceId=" + TRACE_ID).contains("(push-router-")));
        } finally {
            logger.removeHandler(lines);
            logger.setLevel(level);
        }
    }

    /** Keeps every record as the console would print it. */
    private static final class FormattedLines extends Handler {
        final List<String> lines = new CopyOnWriteArrayList<>();

        FormattedLines(String pattern) {
            setFormatter(new PatternFormatter(pattern));
        }

        @Override
        public void publish(LogRecord record) {
            // Formatted here, on the logging thread, while its MDC is still set.
            lines.add(getFormatter().format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
