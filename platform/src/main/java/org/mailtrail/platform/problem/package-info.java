/**
 * What an API error is, in plain Java that domain code may use: a {@link org.mailtrail.platform.problem.ProblemType}
 * (stable type URI, status, title), the {@link org.mailtrail.platform.problem.ProblemException} that carries it, and
 * the one field-error exception. {@code platform.web} renders them as RFC 9457 problem details.
 */
package org.mailtrail.platform.problem;
