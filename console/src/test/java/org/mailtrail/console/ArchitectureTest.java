package org.mailtrail.console;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mailtrail.testsupport.architecture.ServiceLayout;

/**
 * The console keeps the services' layout rules that fit an application of pages: features without cycles, no other
 * service's code, the platform's timers and clock, typed properties. It has no domain, store or outgoing events of
 * its own, so the rules about those layers have nothing to check.
 */
class ArchitectureTest {

    private static final String PAGES = "the console is pages over the services' APIs: each feature package is its "
            + "web layer, with no domain or store of its own";

    @TestFactory
    Stream<DynamicTest> layout() {
        return ServiceLayout.of("org.mailtrail.console")
                .notApplying(ServiceLayout.DOMAIN_WITHOUT_PERSISTENCE, PAGES)
                .notApplying(ServiceLayout.DOMAIN_WITHOUT_KAFKA, PAGES)
                .notApplying(ServiceLayout.STORE_DOES_NOT_PUBLISH, PAGES)
                .notApplying(ServiceLayout.CONTROLLERS_IN_WEB, PAGES)
                .notApplying(ServiceLayout.ONE_ERROR_STYLE, "a page shows a service's refusal as a page (or the part "
                        + "htmx asked for), not as problem+json: one advice, Pages, renders every ServiceProblem")
                .check();
    }
}
