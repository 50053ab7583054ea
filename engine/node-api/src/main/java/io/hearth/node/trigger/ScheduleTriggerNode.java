package io.hearth.node.trigger;

import io.hearth.node.Item;
import io.hearth.node.NodeType;
import io.hearth.node.ParameterValues;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * A node that fires on a schedule. The node only computes fire times and the items of a firing;
 * the server's scheduler owns the timing, so each fire happens once across a cluster and survives
 * restarts.
 */
public interface ScheduleTriggerNode extends NodeType {

    /** The schedule described by the parameters, in the workflow's time zone. */
    TriggerSchedule schedule(ParameterValues parameters, ZoneId zone);

    /** The items of one firing at {@code scheduledTime}. */
    List<Item> fire(ZonedDateTime scheduledTime);
}
