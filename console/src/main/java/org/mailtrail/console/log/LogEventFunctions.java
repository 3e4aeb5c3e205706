package org.mailtrail.console.log;

import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class LogEventFunctions {

    /**
     * Any event of {@code interaction.events.v1} (logged, linked to an opportunity, its mail's link changed) may
     * change what an open log page shows. Only a signal: nothing of the event reaches a page.
     */
    @Bean
    Consumer<Message<byte[]>> noticeLogChange(LiveLog live) {
        return message -> live.logChanged();
    }
}
