/** What every page shares: the signed-in person, the layout's model, and how a service's refusal is shown. */
package org.mailtrail.console.web;
