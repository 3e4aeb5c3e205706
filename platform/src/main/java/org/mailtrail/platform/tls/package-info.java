/** TLS trust shared by the services' outgoing connections. */
package org.mailtrail.platform.tls;
