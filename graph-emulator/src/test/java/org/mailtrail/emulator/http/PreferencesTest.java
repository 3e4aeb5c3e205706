package org.mailtrail.emulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PreferencesTest {

    @Test
    void readsPageSizeAndImmutableIdsFromOneCommaJoinedHeader() {
        Preferences prefer = Preferences.of(List.of("odata.maxpagesize=50, IdType=\"ImmutableId\""));

        assertThat(prefer.maxPageSize()).contains(50);
        assertThat(prefer.immutableIds()).isTrue();
    }

    @Test
    void readsTheSamePreferencesFromSeparateHeaders() {
        Preferences prefer = Preferences.of(List.of("odata.maxpagesize=7", "IdType=\"ImmutableId\"", "outlook.body-content-type=\"text\""));

        assertThat(prefer.maxPageSize()).contains(7);
        assertThat(prefer.immutableIds()).isTrue();
        assertThat(prefer.bodyContentType()).contains("text");
    }

    @Test
    void ignoresAPageSizeThatIsNotAPositiveNumberAndRegularIdsAreTheDefault() {
        Preferences prefer = Preferences.of(List.of("odata.maxpagesize=lots", "IdType=\"RestId\""));

        assertThat(prefer.maxPageSize()).isEmpty();
        assertThat(prefer.immutableIds()).isFalse();
        assertThat(Preferences.of(List.of()).immutableIds()).isFalse();
    }
}
