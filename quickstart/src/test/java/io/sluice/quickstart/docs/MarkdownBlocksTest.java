package io.sluice.quickstart.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarkdownBlocksTest {

    @Test
    void findsShellAndPythonBlocksWithTheirFenceLinesAndLeavesOtherFencesOut() {
        List<DocBlock> blocks = MarkdownBlocks.parse("doc.md", """
                # Title

                ```bash
                echo one
                ```

                ```java
                System.exit(1);
                ```

                ```
                plain
                ```

                ```sh
                echo two
                ```

                ```python
                print(3)
                ```
                """);

        assertThat(blocks).extracting(DocBlock::location, DocBlock::kind, DocBlock::text).containsExactly(
                tuple("doc.md:3", DocBlock.Kind.SHELL, "echo one\n"),
                tuple("doc.md:15", DocBlock.Kind.SHELL, "echo two\n"),
                tuple("doc.md:19", DocBlock.Kind.PYTHON, "print(3)\n"));
    }

    @Test
    void takesADirectlyFollowingTextBlockAsTheExpectedOutput() {
        List<DocBlock> blocks = MarkdownBlocks.parse("doc.md", """
                ```bash
                echo hi
                ```

                ```text
                hi
                ```

                ```bash
                echo unchecked
                ```
                Some prose.
                ```text
                not an output
                ```
                """);

        assertThat(blocks).extracting(DocBlock::expectedOutput)
                .containsExactly(Optional.of("hi\n"), Optional.empty());
    }

    @Test
    void stripsTheIndentationOfABlockInAListItem() {
        List<DocBlock> blocks = MarkdownBlocks.parse("doc.md", """
                - Preview:

                  ```bash
                  cat <<'EOF'
                    kept
                  EOF
                  ```
                """);

        assertThat(blocks).singleElement().extracting(DocBlock::text).isEqualTo("cat <<'EOF'\n  kept\nEOF\n");
    }

    @Test
    void readsTheSkipAndServersDirectivesAboveABlock() {
        List<DocBlock> blocks = MarkdownBlocks.parse("doc.md", """
                <!-- docs-test: skip — needs Docker -->
                ```bash
                docker run x
                ```
                <!-- docs-test: servers -->

                ```bash
                bin/sluice-server --help
                ```
                """);

        assertThat(blocks).extracting(DocBlock::kind, DocBlock::reason).containsExactly(
                tuple(DocBlock.Kind.SKIP, "needs Docker"),
                tuple(DocBlock.Kind.SERVERS, ""));
    }

    @Test
    void rejectsDirectivesItCannotHonourNamingTheLine() {
        assertThatThrownBy(() -> MarkdownBlocks.parse("doc.md", "<!-- docs-test: skip -->\n```bash\nx\n```\n"))
                .hasMessage("doc.md:1: docs-test: skip needs a reason: <!-- docs-test: skip — why -->");
        assertThatThrownBy(() -> MarkdownBlocks.parse("doc.md", "\n<!-- docs-test: later — x -->\n```bash\nx\n```\n"))
                .hasMessage("doc.md:2: unknown docs-test directive 'later' (known: skip, servers)");
        assertThatThrownBy(() -> MarkdownBlocks.parse("doc.md", "<!-- docs-test: skip — x -->\nProse.\n```bash\n```\n"))
                .hasMessage("doc.md:1: the docs-test directive is not followed by a fenced block");
        assertThatThrownBy(() -> MarkdownBlocks.parse("doc.md", "<!-- docs-test: skip — x -->\n```java\nx\n```\n"))
                .hasMessage("doc.md:1: docs-test: skip precedes a 'java' block, which is not run");
        assertThatThrownBy(() -> MarkdownBlocks.parse("doc.md", "<!-- docs-test: servers -->\n```python\nx\n```\n"))
                .hasMessage("doc.md:1: docs-test: servers precedes a 'python' block");
        assertThatThrownBy(() -> MarkdownBlocks.parse("doc.md", "text\n```bash\necho\n"))
                .hasMessage("doc.md:2: the fenced block is never closed");
    }
}
