package org.mailtrail.platform.logging;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns {@code mailtrail.logging.format=json} into Boot's structured console logging in Elastic Common Schema,
 * before the logging system starts. Boot's format wants a schema's name; operators choose between text and JSON.
 */
public class LogFormatEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String STRUCTURED_CONSOLE = "logging.structured.format.console";
    static final String SCHEMA = "ecs";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        LogFormatProperties.Format format;
        try {
            format = Binder.get(environment).bind("mailtrail.logging.format", LogFormatProperties.Format.class)
                    .orElse(LogFormatProperties.Format.TEXT);
        } catch (BindException e) {
            throw new IllegalArgumentException("mailtrail.logging.format (MAILTRAIL_LOG_FORMAT) must be text or json, "
                    + "not '" + environment.getProperty("mailtrail.logging.format") + "'", e);
        }
        if (format == LogFormatProperties.Format.JSON && !environment.containsProperty(STRUCTURED_CONSOLE)) {
            environment.getPropertySources().addLast(new MapPropertySource("mailtrail-log-format",
                    Map.of(STRUCTURED_CONSOLE, SCHEMA)));
        }
    }

    /** After the configuration files are read, before the logging system starts. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
