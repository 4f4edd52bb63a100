package io.pushfleet.control.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushfleet.control.web.ApiException;
import io.pushfleet.control.web.ErrorCode;
import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PushValidatorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final PushValidator validator = new PushValidator(100_000, 65_536, Duration.ofDays(1), Duration.ofDays(7));

    @Test
    void acceptsAUserListSortedWithoutDuplicatesAndAppliesTheDefaults() throws Exception {
        PushSpec spec = validate("{\"userIds\": [5, 3, 5, 9], \"body\": {\"text\": \"hi\", \"n\": 1.10}}");

        assertThat(spec.kind()).isEqualTo(TargetKind.USERS);
        assertThat(spec.users().slice(0, spec.users().size()))
                .containsExactly(new UserId(3), new UserId(5), new UserId(9));
        assertThat(spec.body().json()).isEqualTo("{\"text\":\"hi\",\"n\":1.10}");
        assertThat(spec.ttl()).isEqualTo(Duration.ofSeconds(86_400));
        assertThat(spec.needsAck()).isFalse();
    }

    @Test
    void acceptsAGroupOrAllWithAnyJsonValueAsBody() throws Exception {
        PushSpec group = validate("{\"group\": 12, \"body\": \"plain text\", \"ttlSeconds\": 604800, \"needsAck\": true}");
        PushSpec all = validate("{\"all\": true, \"body\": [1, 2, 3], \"ttlSeconds\": 1}");

        assertThat(group.kind()).isEqualTo(TargetKind.GROUP);
        assertThat(group.group()).isEqualTo(new GroupId(12));
        assertThat(group.ttl()).isEqualTo(Duration.ofDays(7));
        assertThat(group.needsAck()).isTrue();
        assertThat(all.kind()).isEqualTo(TargetKind.ALL);
        assertThat(all.body().json()).isEqualTo("[1,2,3]");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"body\": 1}",
            "{\"userIds\": [1], \"group\": 2, \"body\": 1}",
            "{\"userIds\": [1], \"all\": true, \"body\": 1}",
            "{\"userIds\": [], \"body\": 1}",
            "{\"userIds\": [0], \"body\": 1}",
            "{\"userIds\": [-4], \"body\": 1}",
            "{\"userIds\": [\"7\"], \"body\": 1}",
            "{\"userIds\": [1.5], \"body\": 1}",
            "{\"userIds\": [null], \"body\": 1}",
            "{\"userIds\": [[1]], \"body\": 1}",
            "{\"userIds\": [99999999999999999999], \"body\": 1}",
            "{\"userIds\": 5, \"body\": 1}",
            "{\"group\": 0, \"body\": 1}",
            "{\"group\": \"x\", \"body\": 1}",
            "{\"all\": false, \"body\": 1}",
            "{\"all\": \"yes\", \"body\": 1}"})
    void refusesAnythingButExactlyOneValidTargetWithInvalidTarget(String json) {
        assertThat(refusal(json)).isEqualTo(ErrorCode.INVALID_TARGET);
    }

    @Test
    void refusesMoreThanTheMaximumOfDistinctIdsButCountsDuplicatesOnce() throws Exception {
        PushValidator small = new PushValidator(3, 65_536, Duration.ofDays(1), Duration.ofDays(7));

        assertThat(small.validate(MAPPER.readValue("{\"userIds\": [1, 2, 3, 3, 2], \"body\": 1}", PushRequest.class))
                .users().size()).isEqualTo(3);
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> small.validate(MAPPER.readValue("{\"userIds\": [1, 2, 3, 4], \"body\": 1}", PushRequest.class)));
        assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_TARGET);
        assertThat(e.getMessage()).isEqualTo("userIds: 4 distinct ids (expected: 1..3)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"userIds\": [1]}", "{\"userIds\": [1], \"body\": null}"})
    void refusesAMissingOrNullBodyWithInvalidBody(String json) {
        assertThat(refusal(json)).isEqualTo(ErrorCode.INVALID_BODY);
    }

    @Test
    void refusesABodyNestedDeeperThanAJsonFrameAllowsWithInvalidBody() {
        String ok = "[".repeat(63) + "]".repeat(63);
        String deep = "[".repeat(64) + "]".repeat(64);

        assertThat(catchThrowableOfType(ApiException.class, () -> validate("{\"userIds\": [1], \"body\": " + ok + "}")))
                .isNull();
        assertThat(refusal("{\"userIds\": [1], \"body\": " + deep + "}")).isEqualTo(ErrorCode.INVALID_BODY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "604801", "1.5", "\"60\"", "true"})
    void refusesATtlOutsideOneSecondToSevenDaysWithInvalidTtl(String ttl) {
        assertThat(refusal("{\"userIds\": [1], \"body\": 1, \"ttlSeconds\": " + ttl + "}"))
                .isEqualTo(ErrorCode.INVALID_TTL);
    }

    @Test
    void refusesANeedsAckThatIsNotABoolean() {
        assertThat(refusal("{\"userIds\": [1], \"body\": 1, \"needsAck\": \"yes\"}")).isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void refusesABodyThatWouldNotFitInOneFrameWith413() throws Exception {
        int limit = 65_536 - PushValidator.FRAME_OVERHEAD_BYTES;
        String fits = "\"" + "x".repeat(limit - 2) + "\"";
        String tooBig = "\"" + "x".repeat(limit - 1) + "\"";
        // Multi-byte characters count in UTF-8 bytes, not characters.
        String tooBigInBytes = "\"" + "é".repeat(limit / 2) + "\"";

        assertThat(validate("{\"all\": true, \"body\": " + fits + "}").body().json()).hasSize(limit);
        assertThat(refusal("{\"all\": true, \"body\": " + tooBig + "}")).isEqualTo(ErrorCode.BODY_TOO_LARGE);
        assertThat(refusal("{\"all\": true, \"body\": " + tooBigInBytes + "}")).isEqualTo(ErrorCode.BODY_TOO_LARGE);
    }

    @Test
    void readsAHundredThousandIdsIntoOneList() throws Exception {
        String ids = IntStream.rangeClosed(1, 100_000).map(i -> 100_001 - i).mapToObj(Integer::toString)
                .collect(Collectors.joining(","));

        PushSpec spec = validate("{\"userIds\": [" + ids + "], \"body\": {}}");

        assertThat(spec.users().size()).isEqualTo(100_000);
        assertThat(spec.users().slice(0, 1)).containsExactly(new UserId(1));
    }

    private PushSpec validate(String json) throws Exception {
        return validator.validate(MAPPER.readValue(json, PushRequest.class));
    }

    private ErrorCode refusal(String json) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> validate(json));
        assertThat(e).as("refusal of %s", json).isNotNull();
        return e.errorCode();
    }
}
