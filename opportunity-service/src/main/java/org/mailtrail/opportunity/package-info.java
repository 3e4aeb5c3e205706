/** opportunity-service: promotes logged interactions to sales opportunities. */
package org.mailtrail.opportunity;
