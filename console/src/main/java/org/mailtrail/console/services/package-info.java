/**
 * The services as the console calls them: one REST client each, every request carrying the signed-in person's
 * access token, every refusal turned into a {@link org.mailtrail.console.services.ServiceProblem} a page can show.
 */
package org.mailtrail.console.services;
