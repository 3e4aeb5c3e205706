package org.mailtrail.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Without a master keyset the service must not come up, and must say how to give it one. */
@ExtendWith(OutputCaptureExtension.class)
class StartupWithoutMasterKeyTest {

    @Test
    void refusesToStartAndExplainsHowToGiveAMasterKeyset(CapturedOutput output) {
        SpringApplicationBuilder application = new SpringApplicationBuilder(ConfigServiceApplication.class)
                .properties("server.port=0", "spring.mongodb.uri=mongodb://127.0.0.1:9/never",
                        "spring.kafka.bootstrap-servers=127.0.0.1:9", "spring.cloud.stream.kafka.binder.brokers=127.0.0.1:9",
                        "mailtrail.secrets.master-keyset=", "mailtrail.secrets.master-keyset-file=");

        assertThatThrownBy(application::run).hasRootCauseInstanceOf(
                org.mailtrail.config.secret.domain.MissingMasterKeyException.class);
        assertThat(output).contains("config-service refuses to start: no master keyset is configured")
                .contains("java -jar config-service.jar generate-master-keyset")
                .contains("MAILTRAIL_MASTER_KEYSET_FILE=");
    }
}
