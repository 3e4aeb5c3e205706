package org.mailtrail.config.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

class LocalTokenIssuerTest {

    @Test
    void aRestartedServiceAcceptsTheInternalTokenItsPredecessorWroteToTheTokensDirectory(@TempDir Path tokens) {
        String internal = new LocalTokenIssuer(properties(tokens), Clock.systemUTC()).mintInternal("local-services");

        LocalTokenIssuer restarted = new LocalTokenIssuer(properties(tokens), Clock.systemUTC());

        assertThat(NimbusJwtDecoder.withPublicKey(restarted.publicKey()).build().decode(internal).getSubject())
                .isEqualTo("local-services");
        assertThat(tokens.resolve("local-signing-key.p8").toFile().canRead()).isTrue();
    }

    @Test
    void withoutATokensDirectoryEveryStartHasAKeyOfItsOwn() {
        String internal = new LocalTokenIssuer(properties(null), Clock.systemUTC()).mintInternal("local-services");

        LocalTokenIssuer restarted = new LocalTokenIssuer(properties(null), Clock.systemUTC());

        assertThatThrownBy(() -> NimbusJwtDecoder.withPublicKey(restarted.publicKey()).build().decode(internal))
                .isInstanceOf(JwtException.class);
    }

    private static SecurityProperties properties(Path tokens) {
        return new SecurityProperties(null, null, null, "roles", "admin", "internal", Duration.ofHours(1), tokens);
    }
}
