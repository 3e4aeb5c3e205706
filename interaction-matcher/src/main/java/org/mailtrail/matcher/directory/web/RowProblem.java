package org.mailtrail.matcher.directory.web;

/** Why a row of an import was refused: its line in the request body, the field and the reason. */
public record RowProblem(int line, String field, String reason) {
}
