/**
 * The rules every deployment of mailtrail must keep (probes, resources, non-root, a writable /tmp only, pinned
 * images, healthchecks, the topic list, only variables the services read, secrets from Secrets or, in compose, as
 * files given only to the services that read them, who may reach whom through the NetworkPolicies, no token
 * anywhere) and that its documents keep (no relative link that leads nowhere), as code a test applies to the real
 * files.
 */
package org.mailtrail.deploy;
