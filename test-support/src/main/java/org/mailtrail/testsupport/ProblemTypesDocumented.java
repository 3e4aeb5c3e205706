package org.mailtrail.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.mailtrail.platform.problem.ProblemType;

/**
 * Checks that a service's README documents every problem type its API answers with, so a client
 * can look up a {@code type} URI it received: one table row per type, with the URI and the status.
 */
public final class ProblemTypesDocumented {

    /**
     * @param types the service's catalogue
     * @param readme the service's README, relative to the module (where Maven runs its tests)
     */
    public static void assertDocumented(List<ProblemType> types, Path readme) throws IOException {
        assertThat(types).as("problem types").isNotEmpty();
        List<String> rows = Files.readAllLines(readme).stream().filter(line -> line.startsWith("|")).toList();
        for (ProblemType type : types) {
            assertThat(rows).as("a row of %s documenting %s (%d)", readme, type.uri(), type.status())
                    .anyMatch(row -> row.contains("`" + type.uri() + "`") && row.contains(String.valueOf(type.status())));
        }
        assertThat(types.stream().map(ProblemType::name).distinct().count()).as("distinct names")
                .isEqualTo(types.size());
    }

    private ProblemTypesDocumented() {
    }
}
