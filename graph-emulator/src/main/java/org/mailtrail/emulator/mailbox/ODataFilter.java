package org.mailtrail.emulator.mailbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import org.mailtrail.emulator.http.GraphException;

import tools.jackson.databind.JsonNode;

/**
 * The part of OData {@code $filter} clients use on mail: comparisons ({@code eq ne gt ge lt le}) of a property
 * path ({@code from/emailAddress/address}) with a string, number, boolean, null or date-time literal, the
 * functions {@code startswith} and {@code contains}, combined with {@code and}, {@code or}, {@code not} and
 * parentheses. Strings compare without regard to case, as Exchange does.
 */
final class ODataFilter {

    private final List<String> tokens;
    private int position;

    private ODataFilter(List<String> tokens) {
        this.tokens = tokens;
    }

    static Predicate<JsonNode> parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return node -> true;
        }
        ODataFilter parser = new ODataFilter(tokenize(filter));
        Predicate<JsonNode> predicate = parser.or();
        if (parser.position != parser.tokens.size()) {
            throw invalid(filter);
        }
        return predicate;
    }

    private Predicate<JsonNode> or() {
        Predicate<JsonNode> left = and();
        while (peekIs("or")) {
            position++;
            left = left.or(and());
        }
        return left;
    }

    private Predicate<JsonNode> and() {
        Predicate<JsonNode> left = unary();
        while (peekIs("and")) {
            position++;
            left = left.and(unary());
        }
        return left;
    }

    private Predicate<JsonNode> unary() {
        if (peekIs("not")) {
            position++;
            return unary().negate();
        }
        if (peekIs("(")) {
            position++;
            Predicate<JsonNode> inner = or();
            expect(")");
            return inner;
        }
        if (peekIs("startswith") || peekIs("contains") || peekIs("endswith")) {
            String function = next().toLowerCase(Locale.ROOT);
            expect("(");
            String path = next();
            expect(",");
            String literal = literalText(next());
            expect(")");
            return node -> {
                JsonNode value = resolve(node, path);
                if (value == null || value.isNull()) {
                    return false;
                }
                String text = value.asString().toLowerCase(Locale.ROOT);
                String wanted = literal.toLowerCase(Locale.ROOT);
                return switch (function) {
                    case "startswith" -> text.startsWith(wanted);
                    case "endswith" -> text.endsWith(wanted);
                    default -> text.contains(wanted);
                };
            };
        }
        String path = next();
        String operator = next().toLowerCase(Locale.ROOT);
        String literal = next();
        if (!List.of("eq", "ne", "gt", "ge", "lt", "le").contains(operator)) {
            throw invalid(operator);
        }
        return node -> compare(resolve(node, path), operator, literal);
    }

    private static boolean compare(JsonNode value, String operator, String literal) {
        boolean isNullLiteral = literal.equals("null");
        if (value == null || value.isNull()) {
            return switch (operator) {
                case "eq" -> isNullLiteral;
                case "ne" -> !isNullLiteral;
                default -> false;
            };
        }
        if (isNullLiteral) {
            return operator.equals("ne");
        }
        int order;
        if (value.isBoolean()) {
            order = Boolean.compare(value.asBoolean(), Boolean.parseBoolean(literal));
        } else if (value.isNumber()) {
            order = Double.compare(value.asDouble(), Double.parseDouble(literal));
        } else {
            String text = value.asString();
            Instant left = instant(text);
            Instant right = instant(literalText(literal));
            order = left != null && right != null ? left.compareTo(right)
                    : text.compareToIgnoreCase(literalText(literal));
        }
        return switch (operator) {
            case "eq" -> order == 0;
            case "ne" -> order != 0;
            case "gt" -> order > 0;
            case "ge" -> order >= 0;
            case "lt" -> order < 0;
            default -> order <= 0;
        };
    }

    private static JsonNode resolve(JsonNode node, String path) {
        JsonNode current = node;
        for (String property : path.split("/")) {
            if (current == null || !current.isObject()) {
                return null;
            }
            JsonNode found = null;
            for (String name : current.propertyNames()) {
                if (name.equalsIgnoreCase(property)) {
                    found = current.get(name);
                }
            }
            current = found;
        }
        return current;
    }

    private static Instant instant(String text) {
        if (text == null || text.length() < 10 || !Character.isDigit(text.charAt(0))) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String literalText(String literal) {
        if (literal.length() >= 2 && literal.startsWith("'") && literal.endsWith("'")) {
            return literal.substring(1, literal.length() - 1).replace("''", "'");
        }
        return literal;
    }

    private boolean peekIs(String token) {
        return position < tokens.size() && tokens.get(position).equalsIgnoreCase(token);
    }

    private String next() {
        if (position >= tokens.size()) {
            throw invalid("end of filter");
        }
        return tokens.get(position++);
    }

    private void expect(String token) {
        if (!peekIs(token)) {
            throw invalid(position < tokens.size() ? tokens.get(position) : "end of filter");
        }
        position++;
    }

    private static List<String> tokenize(String filter) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < filter.length()) {
            char c = filter.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == ',') {
                tokens.add(String.valueOf(c));
                i++;
            } else if (c == '\'') {
                int end = i + 1;
                while (end < filter.length()) {
                    if (filter.charAt(end) == '\'') {
                        if (end + 1 < filter.length() && filter.charAt(end + 1) == '\'') {
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    end++;
                }
                if (end >= filter.length()) {
                    throw invalid(filter);
                }
                tokens.add(filter.substring(i, end + 1));
                i = end + 1;
            } else {
                int end = i;
                while (end < filter.length() && !Character.isWhitespace(filter.charAt(end))
                        && "(),".indexOf(filter.charAt(end)) < 0) {
                    end++;
                }
                tokens.add(filter.substring(i, end));
                i = end;
            }
        }
        return tokens;
    }

    private static GraphException invalid(String near) {
        return GraphException.badRequest("ErrorInvalidUrlQueryFilter", "Invalid filter clause: the emulator does not understand '" + near + "'.");
    }
}
