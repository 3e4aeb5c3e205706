package org.mailtrail.config;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.mailtrail.testsupport.ProblemTypesDocumented;

class ProblemTypesTest {

    @Test
    void documentsEveryProblemTypeInTheReadme() throws Exception {
        ProblemTypesDocumented.assertDocumented(ConfigProblems.ALL, Path.of("README.md"));
    }
}
