package org.mailtrail.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class SecretFilesEnvironmentPostProcessorTest {

    @TempDir
    Path secrets;

    @Configuration(proxyBeanMethods = false)
    static class NoBeans {
    }

    @Test
    void aFileNamedLikeAVariableSuppliesItsPlaceholderInAStartedApplication() throws IOException {
        Files.writeString(secrets.resolve("MAILTRAIL_X"), "from-the-file\n");

        try (ConfigurableApplicationContext context = start("--MAILTRAIL_SECRETS_DIR=" + secrets,
                "--mailtrail.test.value=${MAILTRAIL_X:the-default}")) {
            assertThat(context.getEnvironment().getProperty("mailtrail.test.value")).isEqualTo("from-the-file");
        }
    }

    @Test
    void keepsThePlaceholdersDefaultWithoutAFile() {
        try (ConfigurableApplicationContext context = start("--MAILTRAIL_SECRETS_DIR=" + secrets,
                "--mailtrail.test.value=${MAILTRAIL_X:the-default}")) {
            assertThat(context.getEnvironment().getProperty("mailtrail.test.value")).isEqualTo("the-default");
        }
    }

    @Test
    void theEnvironmentWinsOverAFile() throws IOException {
        Files.writeString(secrets.resolve("MAILTRAIL_X"), "from-the-file");
        ConfigurableEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new MapPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("MAILTRAIL_SECRETS_DIR", secrets.toString(), "MAILTRAIL_X", "from-the-environment")));

        new SecretFilesEnvironmentPostProcessor().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("MAILTRAIL_X")).isEqualTo("from-the-environment");
    }

    @Test
    void readsNothingWhenTheDirectoryIsMissing() {
        ConfigurableEnvironment environment = environmentWith(secrets.resolve("absent").toString());

        new SecretFilesEnvironmentPostProcessor().postProcessEnvironment(environment, null);

        assertThat(environment.getPropertySources().contains(SecretFilesEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
                .isFalse();
    }

    @Test
    void refusesAFileWhereTheDirectoryShouldBe() throws IOException {
        Path file = Files.writeString(secrets.resolve("not-a-directory"), "");

        assertThatThrownBy(() -> new SecretFilesEnvironmentPostProcessor()
                .postProcessEnvironment(environmentWith(file.toString()), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("MAILTRAIL_SECRETS_DIR=" + file + " is not a directory");
    }

    @Test
    void refusesAnEmptyDirectoryName() {
        assertThatThrownBy(() -> new SecretFilesEnvironmentPostProcessor()
                .postProcessEnvironment(environmentWith(" "), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("MAILTRAIL_SECRETS_DIR is set but empty");
    }

    private static ConfigurableEnvironment environmentWith(String directory) {
        ConfigurableEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test",
                Map.of(SecretFilesEnvironmentPostProcessor.DIRECTORY_VARIABLE, directory)));
        return environment;
    }

    private static ConfigurableApplicationContext start(String... args) {
        return new SpringApplicationBuilder(NoBeans.class).web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off", "spring.config.location=optional:file:/nonexistent/")
                .run(args);
    }
}
