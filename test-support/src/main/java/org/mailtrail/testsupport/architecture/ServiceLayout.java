package org.mailtrail.testsupport.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicTest;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

/**
 * The layout every mailtrail service keeps, as rules a service's {@code ArchitectureTest} checks:
 * package by feature ({@code <service>.<feature>}), layers only inside a feature ({@code web} →
 * {@code domain} → {@code store}/{@code messaging}), no cycles between features, nothing of another
 * service, and the plumbing that exists once in the platform used from there, never rebuilt. A
 * rule that a class may break is excepted by name, with the reason, through
 * {@link #allowing(String, String, String)}; an exception that is no longer needed fails too, so
 * the list never outlives its reasons.
 */
public final class ServiceLayout {

    public static final String FEATURES_WITHOUT_CYCLES = "features depend on each other without cycles";
    public static final String WEB_CALLS_THE_DOMAIN = "web talks to a feature's domain, never to a store or to messaging";
    public static final String NOTHING_DEPENDS_ON_WEB = "nothing outside web depends on web";
    public static final String DOMAIN_WITHOUT_PERSISTENCE = "domain does not use Spring Data or the MongoDB driver";
    public static final String DOMAIN_WITHOUT_KAFKA = "domain does not use Kafka or Spring messaging types";
    public static final String STORE_DOES_NOT_PUBLISH = "store does not depend on messaging";
    public static final String NO_OTHER_SERVICE = "a service depends on no other service, only on the contracts and the platform";
    public static final String NO_OUTBOUND_HTTP_IN_WEB = "outbound HTTP clients are not in web";
    public static final String CONTROLLERS_IN_WEB = "controllers are in web";
    public static final String ONE_ERROR_STYLE = "errors are ProblemExceptions rendered by the platform, not advice or handlers of a feature's own";
    public static final String ONE_PUBLISHER = "records go to Kafka through the platform's ContractPublisher and Outbox, and are read with KafkaRecords";
    public static final String ONE_SCHEDULER = "periodic work runs on the platform's Timers";
    public static final String ONE_CLOCK = "time comes from the one Clock bean the platform provides";
    public static final String NO_CLOCK_BEANS = "no service declares a Clock bean of its own";
    public static final String TYPED_PROPERTIES = "configuration properties are records";

    private final String base;
    private final Map<String, List<Exception>> exceptions = new LinkedHashMap<>();
    private final Map<String, String> notApplying = new LinkedHashMap<>();

    /** A class excepted from a rule, and why. */
    public record Exception(String className, String reason) {
    }

    private ServiceLayout(String base) {
        this.base = base;
    }

    /** The rules for the service whose classes are under {@code basePackage}, e.g. {@code org.mailtrail.config}. */
    public static ServiceLayout of(String basePackage) {
        return new ServiceLayout(basePackage);
    }

    /** Lets {@code className} (fully qualified) break {@code rule}, for the reason given. */
    public ServiceLayout allowing(String rule, String className, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an exception needs its reason: " + className);
        }
        exceptions.computeIfAbsent(rule, r -> new ArrayList<>()).add(new Exception(className, reason));
        return this;
    }

    /**
     * Leaves a rule out for an application it does not fit (the console has pages, not an API with a domain and a
     * store), for the reason given.
     */
    public ServiceLayout notApplying(String rule, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a rule left out needs its reason: " + rule);
        }
        if (!rules().containsKey(rule)) {
            throw new IllegalArgumentException("no rule named '" + rule + "'");
        }
        notApplying.put(rule, reason);
        return this;
    }

    /** One test per rule over the service's main classes (tests excluded). */
    public Stream<DynamicTest> check() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(base);
        Map<String, ArchRule> rules = rules();
        for (String rule : exceptions.keySet()) {
            if (!rules.containsKey(rule)) {
                throw new IllegalArgumentException("no rule named '" + rule + "'");
            }
        }
        return rules.entrySet().stream().filter(rule -> !notApplying.containsKey(rule.getKey()))
                .map(rule -> DynamicTest.dynamicTest(rule.getKey(), () -> check(rule.getKey(), rule.getValue(), classes)));
    }

    /** Every rule by name; public so that a test can break one on purpose and see it fail. */
    public Map<String, ArchRule> rules() {
        String service = base + "..";
        Map<String, ArchRule> rules = new LinkedHashMap<>();
        rules.put(FEATURES_WITHOUT_CYCLES, slices().matching(base + ".(*)..").should().beFreeOfCycles());
        rules.put(WEB_CALLS_THE_DOMAIN, noClasses().that().resideInAPackage(base + "..web..")
                .should().dependOnClassesThat().resideInAnyPackage(base + "..store..", base + "..messaging.."));
        rules.put(NOTHING_DEPENDS_ON_WEB, noClasses().that().resideOutsideOfPackage(base + "..web..")
                .should().dependOnClassesThat().resideInAPackage(base + "..web.."));
        rules.put(DOMAIN_WITHOUT_PERSISTENCE, noClasses().that().resideInAPackage(base + "..domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.data..",
                        "org.springframework.dao..", "com.mongodb..", "org.bson.."));
        rules.put(DOMAIN_WITHOUT_KAFKA, noClasses().that().resideInAPackage(base + "..domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.kafka..",
                        "org.springframework.cloud.stream..", "org.springframework.messaging..", "org.apache.kafka.."));
        rules.put(STORE_DOES_NOT_PUBLISH, noClasses().that().resideInAPackage(base + "..store..")
                .should().dependOnClassesThat().resideInAPackage(base + "..messaging.."));
        rules.put(NO_OTHER_SERVICE, noClasses().that().resideInAPackage(service)
                .should().dependOnClassesThat(resideInAPackage("org.mailtrail..")
                        .and(not(resideInAnyPackage(service, "org.mailtrail.events..", "org.mailtrail.platform..")))));
        rules.put(NO_OUTBOUND_HTTP_IN_WEB, noClasses().that().resideInAPackage(base + "..web..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web.client..", "java.net.http..",
                        "okhttp3..", "com.microsoft.graph..", "com.azure.."));
        rules.put(CONTROLLERS_IN_WEB, classes().that()
                .areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                .or().areAnnotatedWith("org.springframework.stereotype.Controller")
                .should().resideInAPackage(base + "..web.."));
        rules.put(ONE_ERROR_STYLE, noClasses().that().resideInAPackage(service)
                .should().beAnnotatedWith("org.springframework.web.bind.annotation.RestControllerAdvice")
                .orShould().beAnnotatedWith("org.springframework.web.bind.annotation.ControllerAdvice")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.web.server.ResponseStatusException")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.web.bind.annotation.ExceptionHandler"));
        rules.put(ONE_PUBLISHER, noClasses().that().resideInAPackage(service)
                .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.cloud.stream.function.StreamBridge")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.kafka.support.KafkaNull")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.kafka.support.KafkaHeaders")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.kafka.core.KafkaTemplate"));
        rules.put(ONE_SCHEDULER, noClasses().that().resideInAPackage(service)
                .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.scheduling.annotation.Scheduled")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.scheduling.annotation.EnableScheduling")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.scheduling.annotation.SchedulingConfigurer")
                .orShould().dependOnClassesThat().areAssignableTo(ScheduledExecutorService.class)
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Timer"));
        rules.put(ONE_CLOCK, noClasses().that().resideInAPackage(service)
                .should().callMethod(Clock.class, "systemUTC")
                .orShould().callMethod(Clock.class, "systemDefaultZone")
                .orShould().callMethod(Instant.class, "now"));
        rules.put(NO_CLOCK_BEANS, noMethods().that().areDeclaredInClassesThat().resideInAPackage(service)
                .and().areAnnotatedWith("org.springframework.context.annotation.Bean")
                .should().haveRawReturnType(Clock.class));
        rules.put(TYPED_PROPERTIES, classes().that().resideInAPackage(service)
                .and().areAnnotatedWith("org.springframework.boot.context.properties.ConfigurationProperties")
                .should().beRecords());
        rules.replaceAll((name, rule) -> rule.because(name));
        return rules;
    }

    private void check(String name, ArchRule rule, JavaClasses classes) {
        List<Exception> allowed = exceptions.getOrDefault(name, List.of());
        EvaluationResult result = rule.evaluate(classes);
        List<String> violations = result.getFailureReport().getDetails();
        List<String> stale = allowed.stream()
                .filter(exception -> violations.stream().noneMatch(line -> mentions(line, exception.className())))
                .map(exception -> exception.className() + " (" + exception.reason() + ")").toList();
        List<String> left = violations.stream()
                .filter(line -> allowed.stream().noneMatch(exception -> mentions(line, exception.className())))
                .toList();
        if (!left.isEmpty()) {
            Assertions.fail("Rule '" + name + "' broken " + left.size() + " times:\n" + String.join("\n", left));
        }
        if (!stale.isEmpty()) {
            Assertions.fail("Rule '" + name + "' has exceptions it no longer needs; remove them: " + stale);
        }
    }

    private static boolean mentions(String violation, String className) {
        // ArchUnit names the class that breaks a rule first, in angle brackets: <a.b.C>, <a.b.C.method()>, <a.b.C$Inner>.
        int start = violation.indexOf('<');
        if (start < 0) {
            return false;
        }
        String subject = violation.substring(start + 1);
        return subject.startsWith(className + ">") || subject.startsWith(className + ".")
                || subject.startsWith(className + "$") || subject.startsWith(className + ":");
    }
}
