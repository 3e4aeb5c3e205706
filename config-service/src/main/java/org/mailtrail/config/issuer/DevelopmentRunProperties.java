package org.mailtrail.config.issuer;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param developmentRun set by {@code ./mailtrail run}, tests and compose: things meant only for them (the
 *        embedded issuer) may start
 */
@ConfigurationProperties("mailtrail")
public record DevelopmentRunProperties(boolean developmentRun) {
}
