/** Health checks that hold on every MongoDB-protocol server, not only on a real mongod. */
package org.mailtrail.platform.health;
