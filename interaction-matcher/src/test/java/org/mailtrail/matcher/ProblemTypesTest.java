package org.mailtrail.matcher;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.mailtrail.testsupport.ProblemTypesDocumented;

class ProblemTypesTest {

    @Test
    void documentsEveryProblemTypeInTheReadme() throws IOException {
        ProblemTypesDocumented.assertDocumented(MatcherProblems.ALL, Path.of("README.md"));
    }
}
