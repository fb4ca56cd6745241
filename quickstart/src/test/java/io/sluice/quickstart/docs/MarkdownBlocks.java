package io.sluice.quickstart.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the blocks of a Markdown file that the docs test runs: fenced {@code bash}, {@code sh}, {@code shell} and
 * {@code python} blocks (other fences — {@code java}, {@code sql}, {@code properties}, plain ones — show no commands).
 *
 * <p>A block may be preceded (blank lines apart) by one directive, an HTML comment that does not render:
 * <ul>
 *   <li>{@code <!-- docs-test: skip — <reason> -->}: not run here, for the reason given, which the test reports;</li>
 *   <li>{@code <!-- docs-test: servers — <comment> -->}: every line starts {@code bin/sluice-server} (see
 *       {@link DocShell#server}).</li>
 * </ul>
 * A {@code ```text} block that directly follows a block (blank lines apart) is that block's expected output.
 * A directive anywhere else, an unknown one or a skip without a reason is an error naming the line.
 */
final class MarkdownBlocks {

    private static final Pattern FENCE = Pattern.compile("^( *)(`{3,})\\s*([\\w+-]*).*$");
    private static final Pattern DIRECTIVE = Pattern.compile(
            "^\\s*<!--\\s*docs-test:\\s*([a-z]+)\\s*(?:[—:-]\\s*)?(.*?)\\s*-->\\s*$");
    private static final Set<String> SHELLS = Set.of("bash", "sh", "shell");
    private static final Set<String> PYTHONS = Set.of("python", "python3");

    private final String file;
    private final List<String> lines;
    private int next;

    private MarkdownBlocks(String file, List<String> lines) {
        this.file = file;
        this.lines = lines;
    }

    /** The runnable and skipped blocks of {@code markdown}, in document order; {@code file} names it in errors. */
    static List<DocBlock> parse(String file, String markdown) {
        return new MarkdownBlocks(file, markdown.lines().toList()).blocks();
    }

    private List<DocBlock> blocks() {
        List<DocBlock> blocks = new ArrayList<>();
        Directive directive = null;
        while (next < lines.size()) {
            String line = lines.get(next++);
            int lineNumber = next;
            Matcher fence = FENCE.matcher(line);
            Matcher comment = DIRECTIVE.matcher(line);
            if (fence.matches()) {
                String language = fence.group(3);
                String text = body(fence);
                Optional<String> expected = expectedOutput();
                DocBlock.Kind kind = kind(language, directive);
                if (kind != null) {
                    String reason = kind == DocBlock.Kind.SKIP ? directive.text() : "";
                    blocks.add(new DocBlock(file, lineNumber, kind, text, reason, expected));
                }
                directive = null;
            } else if (comment.matches()) {
                directive = new Directive(lineNumber, comment.group(1), comment.group(2));
            } else if (!line.isBlank() && directive != null) {
                throw error(directive.line(), "the docs-test directive is not followed by a fenced block");
            }
        }
        if (directive != null) {
            throw error(directive.line(), "the docs-test directive is not followed by a fenced block");
        }
        return blocks;
    }

    /** How a block in {@code language} runs, given its directive; null for a block that shows no commands. */
    private DocBlock.Kind kind(String language, Directive directive) {
        boolean shell = SHELLS.contains(language);
        boolean runnable = shell || PYTHONS.contains(language);
        if (directive == null) {
            return !runnable ? null : shell ? DocBlock.Kind.SHELL : DocBlock.Kind.PYTHON;
        }
        if (!runnable) {
            throw error(directive.line(), "docs-test: " + directive.name() + " precedes a '" + language
                    + "' block, which is not run");
        }
        return switch (directive.name()) {
            case "skip" -> {
                if (directive.text().isBlank()) {
                    throw error(directive.line(), "docs-test: skip needs a reason: <!-- docs-test: skip — why -->");
                }
                yield DocBlock.Kind.SKIP;
            }
            case "servers" -> {
                if (!shell) {
                    throw error(directive.line(), "docs-test: servers precedes a '" + language + "' block");
                }
                yield DocBlock.Kind.SERVERS;
            }
            default -> throw error(directive.line(), "unknown docs-test directive '" + directive.name()
                    + "' (known: skip, servers)");
        };
    }

    /** The lines up to the closing fence, without the opening fence's indentation; {@link #next} moves past it. */
    private String body(Matcher opening) {
        int indent = opening.group(1).length();
        int fenceLength = opening.group(2).length();
        int openedAt = next;
        StringBuilder text = new StringBuilder();
        while (next < lines.size()) {
            String line = lines.get(next++);
            String stripped = line.strip();
            if (stripped.startsWith("`".repeat(fenceLength)) && stripped.chars().allMatch(c -> c == '`')) {
                return text.toString();
            }
            text.append(line, Math.min(indent, leadingSpaces(line)), line.length()).append('\n');
        }
        throw error(openedAt, "the fenced block is never closed");
    }

    /** The body of a {@code ```text} block right after the one just read (blank lines apart), consuming it. */
    private Optional<String> expectedOutput() {
        int peek = next;
        while (peek < lines.size() && lines.get(peek).isBlank()) {
            peek++;
        }
        if (peek == lines.size()) {
            return Optional.empty();
        }
        Matcher fence = FENCE.matcher(lines.get(peek));
        if (!fence.matches() || !fence.group(3).equals("text")) {
            return Optional.empty();
        }
        next = peek + 1;
        return Optional.of(body(fence));
    }

    private static int leadingSpaces(String line) {
        int spaces = 0;
        while (spaces < line.length() && line.charAt(spaces) == ' ') {
            spaces++;
        }
        return spaces;
    }

    /** {@code <!-- docs-test: name — text -->} on {@code line}. */
    private record Directive(int line, String name, String text) {
    }

    private IllegalArgumentException error(int line, String message) {
        return new IllegalArgumentException(file + ":" + line + ": " + message);
    }
}
