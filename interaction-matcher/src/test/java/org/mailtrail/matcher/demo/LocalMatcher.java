package org.mailtrail.matcher.demo;

import static org.mailtrail.matcher.testdata.DemoDirectory.ANNA;
import static org.mailtrail.matcher.testdata.DemoDirectory.LARS;
import static org.mailtrail.matcher.testdata.DemoDirectory.MIA;
import static org.mailtrail.matcher.testdata.DemoDirectory.OLE;
import static org.mailtrail.matcher.testdata.DemoDirectory.STRANGER;
import static org.mailtrail.matcher.testdata.Mails.mail;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import org.mailtrail.events.mail.MailArchived;
import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.events.opportunity.OpportunityCreated;
import org.mailtrail.events.opportunity.OpportunityStatus;
import org.mailtrail.matcher.InteractionMatcherApplication;
import org.mailtrail.matcher.directory.web.ContactRow;
import org.mailtrail.matcher.directory.web.SalespersonRow;
import org.mailtrail.matcher.interactionlog.domain.LogIds;
import org.mailtrail.matcher.testdata.Api;
import org.mailtrail.matcher.testdata.Broker;
import org.mailtrail.matcher.testdata.DemoDirectory;
import org.mailtrail.testsupport.TestInfrastructure;
import org.mailtrail.testsupport.security.TestIssuer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The matcher on its own, to try its API by hand: the test infrastructure (embedded broker and
 * MongoDB-protocol server unless the environment names others), the matcher on {@code MAILTRAIL_PORT}
 * (8083), the demo directory imported over HTTP, a few demo mails published as mail-ingestor
 * would, one of them archived and promoted. Runs until stopped.
 *
 * <p>Run: {@code ./mvnw -B -pl interaction-matcher -Pbenchmark test-compile exec:java
 * -Dbenchmark.main=org.mailtrail.matcher.demo.LocalMatcher}
 */
public final class LocalMatcher {

    public static void main(String[] args) throws InterruptedException {
        TestInfrastructure infrastructure = TestInfrastructure.shared();
        String bootstrap = infrastructure.kafka().bootstrapServers();
        int port = Integer.parseInt(System.getenv().getOrDefault("MAILTRAIL_PORT", "8083"));
        ConfigurableApplicationContext matcher = new SpringApplicationBuilder(InteractionMatcherApplication.class)
                .run("--MAILTRAIL_KAFKA_BOOTSTRAP_SERVERS=" + bootstrap,
                        "--MAILTRAIL_MONGODB_URI=" + infrastructure.mongo().uri("demo"), "--MAILTRAIL_PORT=" + port,
                        "--MAILTRAIL_JWT_ISSUER_URI=" + TestIssuer.shared().issuerUri(),
                        "--MAILTRAIL_TOKEN_URI=" + TestIssuer.shared().tokenUri(),
                        "--MAILTRAIL_CLIENT_ID=" + TestIssuer.SERVICE_CLIENT,
                        "--MAILTRAIL_CLIENT_SECRET=" + TestIssuer.SERVICE_SECRET);
        Api api = new Api(port);
        api.putJson("/api/directory/salespeople", DemoDirectory.salespeople().stream()
                .map(s -> new SalespersonRow(s.code(), s.name(), s.emails())).toList());
        api.putJson("/api/directory/contacts", DemoDirectory.contacts().stream()
                .map(c -> new ContactRow(c.id(), c.name(), c.type().name(), c.companyId(), c.companyName(), c.email(),
                        c.alternateEmails(), c.privacyBlocked())).toList());

        MailReceived quote = mail().connection("contoso-sales").id("<quote-40-units@contoso.com>")
                .conversation("AAQkAGI2-quote").from(ANNA).to(LARS).cc(MIA).withAttachments()
                .sentAt(Instant.parse("2026-11-27T09:14:58Z")).receivedAt(Instant.parse("2026-11-27T09:15:01Z"))
                .build();
        MailReceived reply = mail().connection("contoso-sales").id("<re-quote-40-units@fabrikam.com>")
                .conversation("AAQkAGI2-quote").from(LARS).to(ANNA).cc(OLE).subject("Re: Quote for 40 units")
                .sentAt(Instant.parse("2026-11-27T10:02:11Z")).receivedAt(Instant.parse("2026-11-27T10:02:14Z"))
                .build();
        MailReceived spam = mail().connection("contoso-sales").id("<offer@unknown.example>").from(STRANGER).to(ANNA)
                .subject("Cheap toner").build();
        try (Broker broker = new Broker(bootstrap)) {
            broker.publish(List.of(quote, reply, spam));
            broker.publish(new MailArchived(UUID.randomUUID(), Instant.now(), 1, "contoso-sales",
                    quote.internetMessageId(), quote.immutableId(), "AAMk-archived", "archive",
                    "https://outlook.office365.com/owa/?ItemID=" + quote.immutableId() + "-archived&exvsurl=1",
                    LogIds.disposition("contoso-sales", quote.internetMessageId())));
            String promoted = LogIds.interactionId("contoso-sales", quote.internetMessageId(), "CT101", "AB");
            broker.publish(new OpportunityCreated(UUID.randomUUID(), Instant.now(), 1, "opp-7f3a", "OP-1001",
                    promoted, UUID.randomUUID(), "CT101", "CT100", "AB", quote.subject(), OpportunityStatus.NOT_STARTED,
                    null, null, null, null));
        }
        System.out.printf("%ninteraction-matcher on http://127.0.0.1:%d (broker %s); stop with Ctrl-C%n", port,
                bootstrap);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            matcher.close();
            infrastructure.stop();
        }));
        new CountDownLatch(1).await();
    }

    private LocalMatcher() {
    }
}
