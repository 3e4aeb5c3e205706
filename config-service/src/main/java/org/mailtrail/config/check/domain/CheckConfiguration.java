package org.mailtrail.config.check.domain;

import java.time.Clock;

import org.mailtrail.config.check.store.CheckReportStore;
import org.mailtrail.config.connection.domain.ConnectionService;
import org.mailtrail.config.graph.GraphHttp;
import org.mailtrail.config.secret.domain.Secrets;
import org.mailtrail.config.token.domain.ImapCredentials;
import org.mailtrail.config.token.domain.TokenBroker;
import org.mailtrail.platform.imap.ImapConnector;
import org.mailtrail.platform.imap.ImapProperties;
import org.mailtrail.platform.graph.MailboxPermits;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;

@Configuration(proxyBeanMethods = false)
class CheckConfiguration {

    @Bean
    SetupChecker setupChecker(Secrets secrets, TokenBroker broker, GraphHttp http, MailboxPermits permits,
            ImapConnector imapConnector, ImapCredentials imapCredentials, ImapProperties imapProperties, Clock clock,
            MeterRegistry meters) {
        return new SetupChecker(secrets, broker, new SetupCheckGraphClients(http, permits),
                new ImapSetupChecker(imapConnector, imapCredentials, imapProperties), clock, meters);
    }

    @Bean
    CheckService checkService(ConnectionService connections, SetupChecker checker, CheckReportStore reports) {
        return new CheckService(connections, checker, reports);
    }
}
