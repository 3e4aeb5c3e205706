/**
 * The rules every deployment of mailtrail must keep (probes, resources, non-root, pinned images,
 * healthchecks, the topic list, only variables the services read, no token anywhere) and that its documents keep (no
 * relative link that leads nowhere), as code a test applies to the real files.
 */
package org.mailtrail.deploy;
