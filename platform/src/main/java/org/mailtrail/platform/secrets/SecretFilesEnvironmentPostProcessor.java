package org.mailtrail.platform.secrets;

import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.ConfigTreePropertySource;
import org.springframework.boot.env.ConfigTreePropertySource.Option;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;

/**
 * Spring Boot's config tree over the secrets directory ({@code MAILTRAIL_SECRETS_DIR}, default {@code /run/secrets/}):
 * a file named exactly like a setting's variable, such as {@code /run/secrets/MAILTRAIL_CLIENT_SECRET}, supplies
 * that variable to every {@code ${MAILTRAIL_…}} placeholder. The environment still wins over a file, and a missing
 * directory is no error: a service without mounted secrets runs as before.
 *
 * <p>Added here, once, rather than as a {@code spring.config.import} line in each service's application.yml, so that
 * no service can lose it and a service's own imports cannot replace it.
 */
public class SecretFilesEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    public static final String DIRECTORY_VARIABLE = "MAILTRAIL_SECRETS_DIR";
    public static final String DEFAULT_DIRECTORY = "/run/secrets/";
    public static final String PROPERTY_SOURCE_NAME = "mailtrailSecretFiles";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty(DIRECTORY_VARIABLE, DEFAULT_DIRECTORY);
        if (configured.isBlank()) {
            throw new IllegalStateException(DIRECTORY_VARIABLE + " is set but empty: name the directory of the "
                    + "secret files, or leave it unset for " + DEFAULT_DIRECTORY);
        }
        Path directory = Path.of(configured);
        if (!Files.isDirectory(directory)) {
            if (Files.exists(directory)) {
                throw new IllegalStateException(DIRECTORY_VARIABLE + "=" + configured + " is not a directory");
            }
            return;
        }
        // Files keep what an editor or `echo` leaves at their end out of the value.
        ConfigTreePropertySource secrets = new ConfigTreePropertySource(PROPERTY_SOURCE_NAME, directory,
                Option.AUTO_TRIM_TRAILING_NEW_LINE);
        MutablePropertySources sources = environment.getPropertySources();
        String environmentVariables = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
        if (sources.contains(environmentVariables)) {
            sources.addAfter(environmentVariables, secrets);
        } else {
            sources.addLast(secrets);
        }
    }

    /** Before the config data (application.yml) is loaded, so that its placeholders and imports see the files. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }
}
