package io.pushfleet.control.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushfleet.model.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;

/** {@link AuditReports} as JSON under {@code RedisKeys.AUDIT_REPORT}, with a TTL so a report nobody renews goes away. */
@ApplicationScoped
public class RedisAuditReports implements AuditReports {

    private static final Logger LOG = LoggerFactory.getLogger(RedisAuditReports.class);

    private final ValueCommands<String, String> values;
    private final ObjectMapper json;

    public RedisAuditReports(RedisDataSource redis, ObjectMapper json) {
        this.values = redis.value(String.class, String.class);
        this.json = json;
    }

    @Override
    public void publish(AuditReport report, Duration ttl) {
        try {
            values.set(RedisKeys.AUDIT_REPORT, json.writeValueAsString(report), new SetArgs().px(ttl));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit report: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<AuditReport> latest() {
        String text = values.get(RedisKeys.AUDIT_REPORT);
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(text, AuditReport.class));
        } catch (JsonProcessingException e) {
            LOG.debug("unreadable audit report ignored: {}", e.getOriginalMessage());
            return Optional.empty();
        }
    }
}
