/**
 * Periodic and delayed work: every service schedules through {@link org.mailtrail.platform.scheduling.Timers},
 * never with {@code @Scheduled}, a {@code SchedulingConfigurer} or an executor of its own.
 */
package org.mailtrail.platform.scheduling;
