package org.mailtrail.opportunity;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.mailtrail.testsupport.ProblemTypesDocumented;

class ProblemTypesTest {

    @Test
    void documentsEveryProblemTypeItAnswersWith() throws Exception {
        ProblemTypesDocumented.assertDocumented(OpportunityProblems.ALL, Path.of("README.md"));
    }
}
