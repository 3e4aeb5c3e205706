/** The interaction projection in MongoDB. */
package org.mailtrail.opportunity.interaction.store;
