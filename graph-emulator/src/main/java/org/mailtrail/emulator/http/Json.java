package org.mailtrail.emulator.http;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** One mapper for the whole emulator; Graph bodies are built as trees so their property order stays Graph's. */
public final class Json {

    /** Strict on input: a misspelt property in a seed file or a control call should fail loudly, not be ignored. */
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    public static JsonNode parse(byte[] body) {
        return MAPPER.readTree(body);
    }

    public static byte[] bytes(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    public static String text(JsonNode node, String property) {
        JsonNode value = node == null ? null : node.get(property);
        return value == null || value.isNull() ? null : value.asString();
    }
}
