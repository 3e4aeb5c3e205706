package org.mailtrail.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class CommonProblemsTest {

    @Test
    void theReadmeDocumentsEveryCommonTypeWithItsStatus() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("..", "README.md")).stream()
                .filter(line -> line.startsWith("|")).toList();

        assertThat(CommonProblems.ALL).allSatisfy(type -> assertThat(rows).as("a README row for %s", type.uri())
                .anyMatch(row -> row.contains("`" + type.uri() + "`") && row.contains("| " + type.status() + " |")));
    }

    @Test
    void givesTheFrameworksStatusesTheirCommonType() {
        assertThat(CommonProblems.forStatus(404)).isEqualTo(CommonProblems.NOT_FOUND);
        assertThat(CommonProblems.forStatus(405)).isEqualTo(CommonProblems.METHOD_NOT_ALLOWED);
        assertThat(CommonProblems.forStatus(400)).isEqualTo(CommonProblems.INVALID_REQUEST);
        assertThat(CommonProblems.forStatus(409)).as("a status without a common type of its own")
                .isEqualTo(CommonProblems.INVALID_REQUEST);
        assertThat(CommonProblems.forStatus(502)).isEqualTo(CommonProblems.INTERNAL);
    }

    @Test
    void refusesATypeNameThatIsNotLowerCaseWords() {
        assertThat(new ProblemType("connection-not-found", 404, "Connection not found").uri())
                .hasToString("urn:mailtrail:problem:connection-not-found");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ProblemType("Not Found", 404, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
