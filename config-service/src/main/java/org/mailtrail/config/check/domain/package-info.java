/** The setup checks against Graph (through the Graph SDK with the broker's token) and the guard on enabling. */
package org.mailtrail.config.check.domain;
