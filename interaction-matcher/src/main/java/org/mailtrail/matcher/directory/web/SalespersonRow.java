package org.mailtrail.matcher.directory.web;

import java.util.List;

/**
 * One salesperson as a client sends it.
 *
 * @param emails in CSV one column, the addresses separated by {@code ;}
 */
public record SalespersonRow(String code, String name, List<String> emails) {
}
