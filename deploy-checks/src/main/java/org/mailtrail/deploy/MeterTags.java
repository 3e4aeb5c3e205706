package org.mailtrail.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The tag values mailtrail's services write on their meters, read from the Java sources, so that the label
 * matchers of alerts and dashboards ({@code status="failed"}) can be held against them. A tag value is followed
 * from the {@code .tag("key", value)} of a meter's builder (or the key/value pairs of {@code registry.counter(…)})
 * back to what decides it: a string literal or a string constant, both branches of a conditional, the constants of
 * an enum written with {@code name()} (lowercased when the code lowercases it), an HTTP status written with
 * {@code Integer.toString}, a method of the same file that returns one of those, or a method parameter, whose
 * values are the arguments of the method's calls in the same module. Anything else (a class name, an id read at
 * run time) leaves the tag <em>open</em>: it admits only values that occur as string literals in the module.
 */
public final class MeterTags {

    private static final Pattern BUILDER = Pattern.compile(
            "\\b(?:Counter|Timer|Gauge|DistributionSummary|FunctionCounter|LongTaskTimer)\\.builder\\(\\s*"
                    + "(\"mailtrail(?:\\.[a-z]+)+\"|[A-Z][A-Z0-9_]*)");
    private static final Pattern SHORTHAND = Pattern.compile("\\.(?:counter|timer|summary)\\(\\s*(\"mailtrail(?:\\.[a-z]+)+\")");
    private static final Pattern TAG = Pattern.compile("\\.tag\\(");
    private static final Pattern STRING_CONSTANT = Pattern.compile(
            "static\\s+final\\s+String\\s+([A-Z][A-Z0-9_]*)\\s*=\\s*\"([^\"]*)\"\\s*;");
    private static final Pattern METHOD = Pattern.compile(
            "(?:[\\w<>\\[\\],.?]+)\\s+(\\w+)\\s*\\(([^()]*)\\)\\s*(?:throws\\s+[\\w.,\\s]+)?\\{");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_]\\w*");
    private static final Pattern NUMERIC = Pattern.compile("^(?:Integer|Long|String)\\.(?:toString|valueOf)\\(");
    private static final Set<String> NOT_METHODS = Set.of("if", "for", "while", "switch", "catch", "synchronized",
            "return", "new", "else");
    private static final int DEPTH = 4;

    /** What the code writes for one tag of one meter. */
    public record Values(Set<String> literals, boolean numeric, boolean open, Set<String> moduleLiterals) {

        Values merge(Values other) {
            Set<String> all = new TreeSet<>(literals);
            all.addAll(other.literals);
            Set<String> module = new TreeSet<>(moduleLiterals);
            module.addAll(other.moduleLiterals);
            return new Values(all, numeric || other.numeric, open || other.open, module);
        }

        /** Whether a PromQL matcher's value (an exact value, or a regular expression for =~ and !~) can meet it. */
        public boolean admits(String value, boolean regex) {
            if (!regex) {
                return admitsExactly(value);
            }
            for (String alternative : value.split("\\|", -1)) {
                if (!admitsExactly(alternative) && !admitsPattern(alternative)) {
                    return false;
                }
            }
            return true;
        }

        private boolean admitsExactly(String value) {
            return literals.contains(value) || numeric && value.matches("[1-5]\\d\\d")
                    || open && moduleLiterals.contains(value);
        }

        private boolean admitsPattern(String alternative) {
            Pattern pattern;
            try {
                pattern = Pattern.compile(alternative);
            } catch (PatternSyntaxException e) {
                return false;
            }
            return literals.stream().anyMatch(v -> pattern.matcher(v).matches())
                    || numeric && IntStream.range(100, 600).anyMatch(code -> pattern.matcher(Integer.toString(code)).matches());
        }
    }

    private record Source(String module, String text) {
    }

    private final Map<String, List<Source>> modules = new HashMap<>();
    private final Map<String, Set<String>> literalsByModule = new HashMap<>();

    private MeterTags(List<Source> sources) {
        sources.forEach(source -> modules.computeIfAbsent(source.module, m -> new ArrayList<>()).add(source));
    }

    /**
     * Every {@code mailtrail.*} meter the main sources register with tags, in Prometheus' form
     * ({@code mailtrail_checks_completed}), with what each tag is written with.
     */
    public static Map<String, Map<String, Values>> registeredIn(Path root) {
        List<Source> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root, 14)) {
            files.filter(file -> file.toString().endsWith(".java") && file.toString().contains("/src/main/java/"))
                    .filter(file -> !root.relativize(file).startsWith("deploy-checks"))
                    .forEach(file -> sources.add(new Source(root.relativize(file).getName(0).toString(),
                            withoutComments(Manifests.text(file)))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MeterTags(sources).tags();
    }

    private Map<String, Map<String, Values>> tags() {
        Map<String, Map<String, Values>> meters = new TreeMap<>();
        modules.values().forEach(sources -> sources.forEach(source -> {
            Map<String, String> constants = constants(source);
            Matcher builder = BUILDER.matcher(source.text);
            while (builder.find()) {
                String name = meterName(builder.group(1), constants);
                if (name == null) {
                    continue;
                }
                int end = source.text.indexOf(".register(", builder.end());
                String chain = source.text.substring(builder.start(), end < 0 ? source.text.length() : end);
                Matcher tag = TAG.matcher(chain);
                while (tag.find()) {
                    List<String> args = arguments(chain, tag.end() - 1);
                    if (args.size() == 2 && args.get(0).startsWith("\"")) {
                        put(meters, name, unquote(args.get(0)),
                                resolve(args.get(1), source, builder.start() + tag.start(), DEPTH));
                    }
                }
            }
            Matcher shorthand = SHORTHAND.matcher(source.text);
            while (shorthand.find()) {
                String name = unquote(shorthand.group(1)).replace('.', '_');
                List<String> args = arguments(source.text, source.text.lastIndexOf('(', shorthand.start(1)));
                for (int i = 1; i + 1 < args.size(); i += 2) {
                    if (args.get(i).startsWith("\"")) {
                        put(meters, name, unquote(args.get(i)), resolve(args.get(i + 1), source, shorthand.start(), DEPTH));
                    }
                }
            }
        }));
        return meters;
    }

    private static void put(Map<String, Map<String, Values>> meters, String name, String key, Values values) {
        meters.computeIfAbsent(name, n -> new TreeMap<>()).merge(key, values, Values::merge);
    }

    private static String meterName(String token, Map<String, String> constants) {
        String name = token.startsWith("\"") ? unquote(token) : constants.get(token);
        return name == null || !name.startsWith("mailtrail.") ? null : name.replace('.', '_');
    }

    private Values resolve(String expression, Source source, int position, int depth) {
        String expr = stripParentheses(expression.trim());
        Set<String> moduleLiterals = moduleLiterals(source.module);
        if (expr.matches("\"[^\"]*\"")) {
            return literal(Set.of(unquote(expr)), moduleLiterals);
        }
        int question = topLevel(expr, '?');
        if (question > 0) {
            int colon = topLevel(expr.substring(question + 1), ':');
            if (colon > 0) {
                return resolve(expr.substring(question + 1, question + 1 + colon), source, position, depth)
                        .merge(resolve(expr.substring(question + 2 + colon), source, position, depth));
            }
        }
        if (NUMERIC.matcher(expr).find()) {
            return new Values(Set.of(), true, false, moduleLiterals);
        }
        int name = expr.indexOf(".name()");
        if (name > 0) {
            return enumValues(expr.substring(0, name), source.module, expr.contains(".toLowerCase("), moduleLiterals);
        }
        if (depth > 0 && IDENTIFIER.matcher(expr).matches()) {
            String constant = constants(source).get(expr);
            if (constant != null) {
                return literal(Set.of(constant), moduleLiterals);
            }
            return parameterValues(expr, source, position, depth, moduleLiterals);
        }
        Matcher call = Pattern.compile("^(\\w+)\\(").matcher(expr);
        if (depth > 0 && call.find() && !NOT_METHODS.contains(call.group(1))) {
            Matcher body = Pattern.compile("\\b" + call.group(1) + "\\s*\\([^()]*\\)\\s*\\{\\s*return\\s+([^;]+);")
                    .matcher(source.text);
            if (body.find()) {
                return resolve(body.group(1), source, body.start(1), depth - 1);
            }
        }
        return open(moduleLiterals);
    }

    /** A parameter of the method around {@code position}: the values of its calls' arguments in the module. */
    private Values parameterValues(String parameter, Source source, int position, int depth, Set<String> moduleLiterals) {
        Matcher method = METHOD.matcher(source.text);
        String methodName = null;
        List<String> parameters = List.of();
        while (method.find() && method.start() < position) {
            if (!NOT_METHODS.contains(method.group(1))) {
                methodName = method.group(1);
                parameters = Stream.of(method.group(2).split(",")).map(String::trim)
                        .map(p -> p.substring(p.lastIndexOf(' ') + 1)).toList();
            }
        }
        int index = parameters.indexOf(parameter);
        if (methodName == null || index < 0) {
            return open(moduleLiterals);
        }
        Values values = new Values(Set.of(), false, false, moduleLiterals);
        boolean called = false;
        Pattern calls = Pattern.compile("\\b" + methodName + "\\(");
        for (Source caller : modules.get(source.module)) {
            Matcher call = calls.matcher(caller.text);
            while (call.find()) {
                if (declaration(caller.text, call.start())) {
                    continue;
                }
                List<String> args = arguments(caller.text, call.end() - 1);
                if (args.size() == parameters.size()) {
                    called = true;
                    values = values.merge(resolve(args.get(index), caller, call.start(), depth - 1));
                }
            }
        }
        return called ? values : open(moduleLiterals);
    }

    /** Whether the name at {@code start} is declared there (a type before it) rather than called. */
    private static boolean declaration(String text, int start) {
        int end = start;
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        int begin = end;
        while (begin > 0 && (Character.isLetterOrDigit(text.charAt(begin - 1)) || text.charAt(begin - 1) == '_'
                || text.charAt(begin - 1) == '>' || text.charAt(begin - 1) == '<')) {
            begin--;
        }
        String previous = text.substring(begin, end);
        return !previous.isEmpty() && end < start && !NOT_METHODS.contains(previous);
    }

    private Values enumValues(String owner, String module, boolean lowercase, Set<String> moduleLiterals) {
        String accessor = owner.replaceAll("\\(\\)$", "");
        accessor = accessor.substring(accessor.lastIndexOf('.') + 1);
        String type = Character.toUpperCase(accessor.charAt(0)) + accessor.substring(1);
        // The service's own enums first: a shared module may hold an enum of the same suffix (OpportunityStatus).
        for (String place : List.of(module, "common-model", "platform")) {
            List<Set<String>> exact = new ArrayList<>();
            List<Set<String>> suffixed = new ArrayList<>();
            for (Source source : modules.getOrDefault(place, List.of())) {
                Matcher declaration = Pattern.compile("\\benum\\s+(\\w*" + type + ")\\s*(?:implements[^{]*)?\\{([^;}]*)")
                        .matcher(source.text);
                while (declaration.find()) {
                    Set<String> constants = new TreeSet<>();
                    for (String constant : declaration.group(2).split(",")) {
                        Matcher id = Pattern.compile("^\\s*([A-Z][A-Z0-9_]*)").matcher(constant);
                        if (id.find()) {
                            constants.add(lowercase ? id.group(1).toLowerCase(Locale.ROOT) : id.group(1));
                        }
                    }
                    (declaration.group(1).equals(type) ? exact : suffixed).add(constants);
                }
            }
            List<Set<String>> found = exact.isEmpty() ? suffixed : exact;
            if (found.size() == 1) {
                return literal(found.get(0), moduleLiterals);
            }
            if (found.size() > 1) {
                return open(moduleLiterals);
            }
        }
        return open(moduleLiterals);
    }

    private Set<String> moduleLiterals(String module) {
        return literalsByModule.computeIfAbsent(module, this::literalsIn);
    }

    private Set<String> literalsIn(String module) {
        Set<String> literals = new HashSet<>();
        for (Source source : modules.get(module)) {
            Matcher literal = Pattern.compile("\"([^\"\\\\]*)\"").matcher(source.text);
            while (literal.find()) {
                literals.add(literal.group(1));
            }
        }
        return literals;
    }

    private static Map<String, String> constants(Source source) {
        Map<String, String> constants = new HashMap<>();
        Matcher constant = STRING_CONSTANT.matcher(source.text);
        while (constant.find()) {
            constants.put(constant.group(1), constant.group(2));
        }
        return constants;
    }

    private static Values literal(Set<String> values, Set<String> moduleLiterals) {
        return new Values(values, false, false, moduleLiterals);
    }

    private static Values open(Set<String> moduleLiterals) {
        return new Values(Set.of(), false, true, moduleLiterals);
    }

    /** The comma-separated arguments of the call whose opening parenthesis is at {@code open}. */
    static List<String> arguments(String text, int open) {
        List<String> args = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = open + 1;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && text.charAt(i - 1) != '\\') {
                quoted = !quoted;
            } else if (!quoted && (c == '(' || c == '[' || c == '{')) {
                depth++;
            } else if (!quoted && (c == ')' || c == ']' || c == '}')) {
                depth--;
                if (depth == 0) {
                    String last = text.substring(start, i).trim();
                    if (!last.isEmpty()) {
                        args.add(last);
                    }
                    return args;
                }
            } else if (!quoted && c == ',' && depth == 1) {
                args.add(text.substring(start, i).trim());
                start = i + 1;
            }
        }
        return args;
    }

    private static int topLevel(String expr, char wanted) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static String stripParentheses(String expr) {
        while (expr.startsWith("(") && expr.endsWith(")") && arguments(expr, 0).size() == 1
                && arguments(expr, 0).get(0).length() == expr.length() - 2) {
            expr = expr.substring(1, expr.length() - 1).trim();
        }
        return expr;
    }

    private static String unquote(String literal) {
        return literal.substring(1, literal.length() - 1);
    }

    private static String withoutComments(String java) {
        return java.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)^\\s*//.*$", "");
    }
}
