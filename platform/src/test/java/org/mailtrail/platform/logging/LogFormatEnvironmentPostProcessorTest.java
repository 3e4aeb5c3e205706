package org.mailtrail.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class LogFormatEnvironmentPostProcessorTest {

    private final LogFormatEnvironmentPostProcessor processor = new LogFormatEnvironmentPostProcessor();

    @Test
    void writesTextUnlessToldOtherwise() {
        MockEnvironment environment = new MockEnvironment();

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("logging.structured.format.console")).isNull();
    }

    @Test
    void writesJsonLinesInElasticCommonSchemaWhenToldJson() {
        MockEnvironment environment = new MockEnvironment().withProperty("mailtrail.logging.format", "json");

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
    }

    @Test
    void leavesAFormatChosenInBootsOwnTermsAlone() {
        MockEnvironment environment = new MockEnvironment().withProperty("mailtrail.logging.format", "json")
                .withProperty("logging.structured.format.console", "logstash");

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("logstash");
    }

    @Test
    void refusesAnUnknownFormatWithWhatItMayBe() {
        MockEnvironment environment = new MockEnvironment().withProperty("mailtrail.logging.format", "xml");

        assertThatThrownBy(() -> processor.postProcessEnvironment(environment, new SpringApplication()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mailtrail.logging.format (MAILTRAIL_LOG_FORMAT) must be text or json, not 'xml'");
    }
}
