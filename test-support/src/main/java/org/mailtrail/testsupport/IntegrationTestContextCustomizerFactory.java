package org.mailtrail.testsupport;

import java.util.List;
import java.util.Locale;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Gives every {@link IntegrationTest} class the shared infrastructure and a database of its own. */
public class IntegrationTestContextCustomizerFactory implements ContextCustomizerFactory {

    private static final int MAX_DATABASE_NAME = 60;

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        if (!TestContextAnnotationUtils.hasAnnotation(testClass, IntegrationTest.class)) {
            return null;
        }
        return new InfrastructureContextCustomizer(databaseName(testClass));
    }

    /** A valid MongoDB database name derived from the (outermost) test class. */
    static String databaseName(Class<?> testClass) {
        Class<?> outermost = testClass;
        while (outermost.getEnclosingClass() != null) {
            outermost = outermost.getEnclosingClass();
        }
        String name = "it_" + outermost.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (name.length() > MAX_DATABASE_NAME) {
            String hash = Integer.toHexString(outermost.getName().hashCode());
            name = name.substring(0, MAX_DATABASE_NAME - hash.length() - 1) + "_" + hash;
        }
        return name;
    }
}
