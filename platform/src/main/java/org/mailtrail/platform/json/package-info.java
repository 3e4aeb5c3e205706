/** Makes Spring's own JSON mapper read and write the contracts exactly as common-model says. */
package org.mailtrail.platform.json;
