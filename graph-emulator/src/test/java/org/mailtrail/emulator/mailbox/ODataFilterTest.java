package org.mailtrail.emulator.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.mailtrail.emulator.http.GraphException;
import org.mailtrail.emulator.http.Json;

import tools.jackson.databind.JsonNode;

class ODataFilterTest {

    private static final JsonNode MESSAGE = Json.parse("""
            {"subject": "RE: Quote", "isRead": false, "receivedDateTime": "2025-03-03T10:00:00Z",
             "internetMessageId": "<abc@fabrikam.example>",
             "from": {"emailAddress": {"name": "Jordan", "address": "J.Smith@fabrikam.example"}}}
            """.getBytes(StandardCharsets.UTF_8));

    private static boolean matches(String filter) {
        return ODataFilter.parse(filter).test(MESSAGE);
    }

    @Test
    void comparesStringsWithoutRegardToCaseAndFollowsPropertyPaths() {
        assertThat(matches("from/emailAddress/address eq 'j.smith@fabrikam.example'")).isTrue();
        assertThat(matches("internetMessageId eq '<abc@fabrikam.example>'")).isTrue();
        assertThat(matches("subject ne 'RE: Quote'")).isFalse();
    }

    @Test
    void comparesDateTimesAndBooleans() {
        assertThat(matches("receivedDateTime ge 2025-03-03T00:00:00Z and isRead eq false")).isTrue();
        assertThat(matches("receivedDateTime gt 2025-03-04T00:00:00Z")).isFalse();
    }

    @Test
    void combinesWithOrNotAndParenthesesAndKnowsStartsWith() {
        assertThat(matches("not (isRead eq true) and (startswith(subject,'re:') or subject eq 'x')")).isTrue();
        assertThat(matches("contains(subject,'quote') and missing eq null")).isTrue();
    }

    @Test
    void refusesWhatItDoesNotUnderstandWithGraphsError() {
        assertThatThrownBy(() -> ODataFilter.parse("toRecipients/any(r: r/emailAddress/address eq 'x')"))
                .isInstanceOfSatisfying(GraphException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
