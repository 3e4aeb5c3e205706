package org.mailtrail.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.annotation.AliasFor;

/**
 * A Spring Boot test on real infrastructure: the JVM's shared Kafka broker and MongoDB server
 * (see {@link TestInfrastructure}) are started if need be and given to the application as
 * {@code spring.kafka.bootstrap-servers}, {@code spring.cloud.stream.kafka.binder.brokers} and
 * {@code spring.mongodb.uri}. Each test class gets a database of its own, named after it, so
 * classes never see each other's documents. The application runs on a random port.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest
public @interface IntegrationTest {

    @AliasFor(annotation = SpringBootTest.class, attribute = "classes")
    Class<?>[] classes() default {};

    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {};

    @AliasFor(annotation = SpringBootTest.class, attribute = "webEnvironment")
    WebEnvironment webEnvironment() default WebEnvironment.RANDOM_PORT;
}
