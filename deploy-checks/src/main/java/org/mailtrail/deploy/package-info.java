/**
 * The rules every deployment of mailtrail must keep (probes, resources, non-root, pinned images,
 * healthchecks, the topic list), as code a test applies to the real manifests.
 */
package org.mailtrail.deploy;
