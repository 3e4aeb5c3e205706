package org.mailtrail.console.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailtrail.console.ConsoleProperties;
import org.mailtrail.console.services.LogFilter;
import org.mailtrail.console.services.Matcher;
import org.mailtrail.platform.scheduling.Timers;
import org.mailtrail.platform.web.Page;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.web.server.ResponseStatusException;

class LiveLogTest {

    private final Matcher matcher = mock(Matcher.class);
    private final List<String> askedAs = new ArrayList<>();
    private final LiveLog live = new LiveLog(matcher, new Timers(1),
            new ConsoleProperties("http://config", "http://matcher", "http://opportunity", Duration.ofSeconds(1),
                    Duration.ofHours(1)));

    LiveLogTest() {
        when(matcher.interactions(any(LogFilter.class), isNull(), anyInt())).thenAnswer(call -> {
            askedAs.add(SecurityContextHolder.getContext().getAuthentication().getName());
            return new Page<>(List.of(), null);
        });
    }

    @Test
    void asksTheMatcherAsEachListeningPersonOnlyAfterTheLogChanged() {
        live.subscribe(person("anna"), LogFilter.none());
        live.subscribe(person("luis"), LogFilter.none());
        assertThat(askedAs).containsExactly("anna", "luis");

        live.checkIfChanged();
        assertThat(askedAs).as("nothing changed, nothing asked").hasSize(2);

        live.logChanged();
        live.checkIfChanged();
        assertThat(askedAs).hasSize(4);
        assertThat(askedAs.subList(2, 4)).containsExactlyInAnyOrder("anna", "luis");
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
    }

    @Test
    void letsAPageWhoseSignInRanOutGoWithoutHoldingUpTheOthers() {
        live.subscribe(person("anna"), LogFilter.none());
        live.subscribe(person("luis"), LogFilter.none());
        when(matcher.interactions(any(LogFilter.class), isNull(), anyInt())).thenAnswer(call -> {
            String asked = SecurityContextHolder.getContext().getAuthentication().getName();
            askedAs.add(asked);
            if (asked.equals("anna")) {
                throw new ClientAuthorizationRequiredException("mailtrail");
            }
            return new Page<>(List.of(), null);
        });

        live.logChanged();
        live.checkIfChanged();

        assertThat(askedAs.subList(2, askedAs.size())).containsExactlyInAnyOrder("anna", "luis");
        assertThat(live.listening()).isEqualTo(1);
    }

    @Test
    void letsOnePersonListenOnTenPagesAtMost() {
        for (int page = 0; page < LiveLog.MAX_LISTENERS_PER_PERSON; page++) {
            live.subscribe(person("anna"), LogFilter.none());
        }

        assertThatThrownBy(() -> live.subscribe(person("anna"), LogFilter.none()))
                .isInstanceOfSatisfying(ResponseStatusException.class,
                        refused -> assertThat(refused.getStatusCode().value()).isEqualTo(429));
        live.subscribe(person("luis"), LogFilter.none());
        assertThat(live.listening()).isEqualTo(LiveLog.MAX_LISTENERS_PER_PERSON + 1);
    }

    private static Authentication person(String name) {
        return new TestingAuthenticationToken(name, null, "ROLE_salesperson");
    }
}
