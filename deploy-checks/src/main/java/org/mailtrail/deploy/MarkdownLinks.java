package org.mailtrail.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relative links of the repository's Markdown files, each of which must lead to a file inside the repository:
 * a reader who follows one from a clone, or on the hosting site, must find what it names. Links to {@code http(s)}
 * addresses are citations and are not followed; anchors are not checked.
 */
public final class MarkdownLinks {

    /** Build output, dependencies and the local run's data: not the repository's documents. */
    private static final Set<String> SKIPPED = Set.of("target", "node_modules", "data", ".git");
    /** {@code [text](target)} and {@code ![alt](target)}, the target optionally in angle brackets or with a title. */
    private static final Pattern INLINE = Pattern.compile("\\]\\(\\s*(<[^>]*>|[^\\s)]+)");
    /** {@code [label]: target}; a label starting with {@code ^} is a footnote, not a link. */
    private static final Pattern REFERENCE = Pattern.compile("^ {0,3}\\[([^\\]]+)\\]:\\s*(<[^>]*>|\\S+)");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+).*?\\1");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");
    private static final Set<String> CITATIONS = Set.of("http", "https", "mailto");

    /** Every Markdown file under {@code root} but in build output, dependencies and data, in path order. */
    public static List<Path> files(Path root) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                    return !directory.equals(root) && SKIPPED.contains(directory.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (file.getFileName().toString().endsWith(".md")) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(null);
        return files;
    }

    /**
     * The links of every Markdown file under {@code root} that lead nowhere, each as
     * {@code file:line: target — why}, the file relative to {@code root}.
     */
    public static List<String> broken(Path root) {
        Path repository = root.toAbsolutePath().normalize();
        List<String> broken = new ArrayList<>();
        for (Path file : files(repository)) {
            List<String> lines = Manifests.text(file).lines().toList();
            boolean inFence = false;
            String fence = "";
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                Matcher fenceMark = FENCE.matcher(line);
                if (fenceMark.find()) {
                    String mark = fenceMark.group(1);
                    if (!inFence) {
                        inFence = true;
                        fence = mark;
                        continue;
                    }
                    if (mark.charAt(0) == fence.charAt(0) && mark.length() >= fence.length()
                            && line.trim().equals(mark)) {
                        inFence = false;
                        continue;
                    }
                }
                if (inFence) {
                    continue;
                }
                String where = repository.relativize(file) + ":" + (i + 1) + ": ";
                for (String target : targets(line)) {
                    String problem = problem(repository, file, target);
                    if (problem != null) {
                        broken.add(where + target + " — " + problem);
                    }
                }
            }
        }
        return broken;
    }

    /** The link targets of one line outside code: inline links and images, and a reference definition. */
    static List<String> targets(String line) {
        String text = CODE_SPAN.matcher(line).replaceAll("");
        List<String> targets = new ArrayList<>();
        Matcher inline = INLINE.matcher(text);
        while (inline.find()) {
            targets.add(unbracketed(inline.group(1)));
        }
        Matcher reference = REFERENCE.matcher(text);
        if (reference.find() && !reference.group(1).startsWith("^")) {
            targets.add(unbracketed(reference.group(2)));
        }
        return targets;
    }

    /** Why a link from {@code file} to {@code target} leads nowhere, or {@code null} when it leads to a file. */
    private static String problem(Path repository, Path file, String target) {
        Matcher scheme = SCHEME.matcher(target);
        if (scheme.find()) {
            String name = target.substring(0, scheme.end() - 1).toLowerCase();
            return CITATIONS.contains(name) ? null : "a " + name + ": address, not a file of the repository";
        }
        String path = target.replaceFirst("[#?].*$", "");
        if (path.isEmpty()) {
            return null;
        }
        path = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        // As the hosting site reads it: a leading slash starts at the repository's root.
        Path resolved = (path.startsWith("/") ? repository.resolve(path.substring(1)) : file.getParent().resolve(path))
                .normalize();
        if (!resolved.startsWith(repository)) {
            return "outside the repository";
        }
        return Files.exists(resolved) ? null : "no such file";
    }

    private static String unbracketed(String target) {
        return target.startsWith("<") && target.endsWith(">") ? target.substring(1, target.length() - 1) : target;
    }

    private MarkdownLinks() {
    }
}
