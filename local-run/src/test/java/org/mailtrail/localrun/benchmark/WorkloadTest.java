package org.mailtrail.localrun.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.mailtrail.events.mail.MailReceived;

class WorkloadTest {

    private final Workload workload = new Workload(20, 2_000);

    @Test
    void eightMailsInTenAreLoggableByBusinessCentralsRules() {
        List<Workload.Envelope> mails = IntStream.range(0, 1_000).mapToObj(n -> workload.mail("rate-10", n)).toList();

        assertThat(mails.stream().filter(Workload.Envelope::loggable).count())
                .isEqualTo(Math.round(1_000 * Workload.LOGGABLE_SHARE));
        assertThat(mails).allSatisfy(mail -> assertThat(workload.loggableByBusinessCentral(mail.sender(),
                Stream.concat(mail.to().stream(), mail.cc().stream()).toList())).as(mail.subject())
                .isEqualTo(mail.loggable()));
    }

    @Test
    void everyMailOfEveryStreamHasItsOwnInternetMessageId() {
        List<String> ids = Stream.of("rate-10", "rate-50", "direct").flatMap(stream -> IntStream.range(0, 500)
                .mapToObj(n -> workload.mail(stream, n).internetMessageId())).toList();

        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void comparesAddressesAsBusinessCentralDoesIgnoringCaseAndSpaces() {
        assertThat(workload.loggableByBusinessCentral(" Seller3@Contoso.com ", List.of("CONTACT7@customer7.example")))
                .isTrue();
        assertThat(workload.loggableByBusinessCentral("seller3@contoso.com", List.of("seller4@contoso.com"))).isFalse();
    }

    @Test
    void injectedMailCarriesWhatTheIngestorWouldPublish() {
        Workload.Envelope envelope = workload.mail("direct", 4);
        MailReceived mail = envelope.toMailReceived("benchmark-direct", Instant.parse("2026-01-01T10:00:00Z"));

        assertThat(mail.internetMessageId()).isEqualTo(envelope.internetMessageId());
        assertThat(mail.aggregateId()).isEqualTo("benchmark-direct/" + envelope.internetMessageId());
        assertThat(mail.sender().address()).isEqualTo(envelope.sender());
        assertThat(mail.ccRecipients()).hasSize(1);
        assertThat(mail.isDraft()).isFalse();
    }
}
