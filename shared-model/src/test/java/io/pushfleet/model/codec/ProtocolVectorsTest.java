package io.pushfleet.model.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.frame.FrameType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared test vectors (protocol-vectors.json): each pairs a JSON frame with its binary encoding.
 * Both must decode to the same frame, and both encoders must reproduce the vector exactly, so the two
 * encodings mean the same thing and neither drifts unnoticed. Other clients (web, k6) can reuse the file.
 */
class ProtocolVectorsTest {

    private final JsonCodec json = new JsonCodec(ProtocolLimits.DEFAULTS);
    private final BinaryCodec binary = new BinaryCodec(ProtocolLimits.DEFAULTS);

    record Vector(String name, String json, String hex) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Vector> vectors() throws IOException {
        try (InputStream in = ProtocolVectorsTest.class.getResourceAsStream("/protocol-vectors.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Vector> out = new ArrayList<>();
            root.forEach(v -> out.add(new Vector(v.get("name").asText(), v.get("json").toString(), v.get("hex").asText())));
            return out;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void bothEncodingsMeanTheSameFrame(Vector v) {
        byte[] bytes = HexFormat.of().parseHex(v.hex());

        Frame fromJson = json.decode(ByteBuffer.wrap(v.json().getBytes(StandardCharsets.UTF_8)));
        Frame fromBinary = binary.decode(ByteBuffer.wrap(bytes));

        assertThat(fromBinary).isEqualTo(fromJson);
        assertThat(HexFormat.of().formatHex(binary.encode(fromJson))).isEqualTo(v.hex());
        assertThat(new String(json.encode(fromJson), StandardCharsets.UTF_8)).isEqualTo(v.json());
    }

    @Test
    void coverEveryFrameType() throws IOException {
        List<FrameType> types = vectors().stream()
                .map(v -> binary.decode(ByteBuffer.wrap(HexFormat.of().parseHex(v.hex()))).type())
                .toList();

        assertThat(types).containsAll(EnumSet.allOf(FrameType.class));
    }
}
