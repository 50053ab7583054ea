package io.hearth.nodes.homeassistant.resource;

import io.hearth.node.Item;
import io.hearth.node.ParameterValues;
import io.hearth.nodes.homeassistant.client.HomeAssistantApi;
import java.time.Instant;
import java.time.ZoneId;

/**
 * What one operation gets for one input item.
 *
 * @param api       the Home Assistant of the node's credential
 * @param params    the node's parameters resolved for this item
 * @param item      the input item
 * @param itemIndex its index
 * @param zone      the workflow's time zone (for date-times typed without an offset)
 * @param now       the execution's clock
 */
public record OperationInput(
        HomeAssistantApi api, ParameterValues params, Item item, int itemIndex, ZoneId zone, Instant now) {}
