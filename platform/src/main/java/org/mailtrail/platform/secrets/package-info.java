/**
 * Secrets from files: every service reads a setting from a file named like its environment variable in one
 * directory (compose's and Kubernetes' mounted secrets), so no secret has to pass through the environment.
 */
package org.mailtrail.platform.secrets;
