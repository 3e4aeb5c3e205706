package org.mailtrail.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mailtrail.events.Topics;

class OutputBindingsTest {

    @Test
    void namesTheBindingAfterItsTopicWithoutTheFirstVersion() {
        assertThat(OutputBindings.of(Topics.CONNECTIONS)).isEqualTo("configConnections-out-0");
        assertThat(OutputBindings.of(Topics.MAIL_RECEIVED)).isEqualTo("mailReceived-out-0");
        assertThat(OutputBindings.of(Topics.MAIL_DISPOSITION)).isEqualTo("mailDisposition-out-0");
        assertThat(OutputBindings.of(Topics.MAIL_ARCHIVED)).isEqualTo("mailArchived-out-0");
        assertThat(OutputBindings.of(Topics.INTERACTION_EVENTS)).isEqualTo("interactionEvents-out-0");
        assertThat(OutputBindings.of(Topics.OPPORTUNITY_COMMANDS)).isEqualTo("opportunityCommands-out-0");
        assertThat(OutputBindings.of(Topics.OPPORTUNITY_EVENTS)).isEqualTo("opportunityEvents-out-0");
        assertThat(OutputBindings.of(Topics.DIRECTORY_SALESPEOPLE)).isEqualTo("directorySalespeople-out-0");
    }

    @Test
    void givesEveryContractTopicADifferentBinding() {
        assertThat(Topics.ALL.stream().map(OutputBindings::of).distinct()).hasSameSizeAs(Topics.ALL);
    }

    @Test
    void refusesATopicThatIsNotPartOfTheContract() {
        assertThatThrownBy(() -> OutputBindings.of("mail.received.v1.mail-ingestor.dlq"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
