/** Fire-time computation for the Schedule Trigger: intervals and cron expressions in a time zone. */
package io.hearth.runtime.schedule;
