/**
 * Business Central's e-mail logging rules, exactly, plus the per-connection extensions: which
 * mail becomes which interactions, or which rule kept it out of the log. Pure Java.
 */
package org.mailtrail.matcher.matching.domain;
