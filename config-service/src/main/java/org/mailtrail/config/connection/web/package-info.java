/** The connections API: CRUD with ETag/If-Match, field-level validation, enable and disable. */
package org.mailtrail.config.connection.web;
