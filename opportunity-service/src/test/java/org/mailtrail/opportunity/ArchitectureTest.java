package org.mailtrail.opportunity;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mailtrail.testsupport.architecture.ServiceLayout;

class ArchitectureTest {

    @TestFactory
    Stream<DynamicTest> layout() {
        return ServiceLayout.of("org.mailtrail.opportunity")
                .check();
    }
}
