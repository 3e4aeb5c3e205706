package org.mailtrail.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every relative link and image of the repository's Markdown leads to a file inside the repository. */
class MarkdownLinksTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path repository;

    @Test
    void everyRelativeLinkOfTheRepositoryLeadsToAFileInIt() {
        assertThat(MarkdownLinks.files(ROOT)).contains(ROOT.resolve("README.md"))
                .noneMatch(file -> ROOT.relativize(file).toString().contains("target/"));

        assertThat(MarkdownLinks.broken(ROOT)).as("relative links that lead nowhere").isEmpty();
    }

    @Test
    void followsInlineLinksImagesAndReferencesFromTheFileTheyAreIn() throws IOException {
        write("docs/guide.md", """
                See [the README](../README.md), [a section](../README.md#deploy), [here](#top),
                ![the diagram](img/flow.png) and [the spec][spec].

                [spec]: <../api spec.yaml> "the API"
                """);
        write("README.md", "[guide](docs/guide.md) and [from the root](/docs/img/flow.png)\n");
        write("docs/img/flow.png", "");
        write("api spec.yaml", "");

        assertThat(MarkdownLinks.broken(repository)).isEmpty();
    }

    @Test
    void reportsEachLinkToAMissingFileOrOutsideTheRepositoryByFileAndLine() throws IOException {
        write("README.md", """
                # mailtrail

                Background in [the design](../elsewhere/NOTES.md).
                """);
        write("service/README.md", """
                Rules: [NOTES §3](../../elsewhere/NOTES.md), ![chart](chart.svg), [gone][old].

                [old]: docs/old.md
                """);

        assertThat(MarkdownLinks.broken(repository)).containsExactly(
                "README.md:3: ../elsewhere/NOTES.md — outside the repository",
                "service/README.md:1: ../../elsewhere/NOTES.md — outside the repository",
                "service/README.md:1: chart.svg — no such file",
                "service/README.md:3: docs/old.md — no such file");
    }

    @Test
    void takesWebAddressesAsCitationsAndAMachinesPathAsBroken() throws IOException {
        write("README.md", """
                [Graph](https://learn.microsoft.com/graph/) [mail](mailto:ops@example.com) [plain](http://example.com)
                [local copy](file:///home/someone/NOTES.md)
                """);

        assertThat(MarkdownLinks.broken(repository)).containsExactly(
                "README.md:2: file:///home/someone/NOTES.md — a file: address, not a file of the repository");
    }

    @Test
    void readsNoLinkInCodeNorAFootnoteNorAFileInBuildOutputOrData() throws IOException {
        write("README.md", """
                A footnote[^1] and `[not](a-link.md)` in code.

                ```markdown
                [example](missing.md)
                ```

                  ~~~
                  [indented](missing.md)
                  ~~~

                [^1]: a footnote, not a link
                """);
        write("target/site/README.md", "[built](missing.md)\n");
        write("data/notes.md", "[local](missing.md)\n");
        write("node_modules/lib/README.md", "[dependency](missing.md)\n");

        assertThat(MarkdownLinks.files(repository)).containsExactly(repository.resolve("README.md"));
        assertThat(MarkdownLinks.broken(repository)).isEmpty();
    }

    private void write(String path, String text) throws IOException {
        Path file = repository.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
