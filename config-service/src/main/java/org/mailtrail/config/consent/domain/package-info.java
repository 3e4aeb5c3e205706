/** Starting a consent (the authorize URL) and completing it (redeeming the code for a refresh token). */
package org.mailtrail.config.consent.domain;
