package io.hearth.runtime.workflow;

/** A node's place on the editor canvas. */
public record Position(double x, double y) {

    public static final Position ORIGIN = new Position(0, 0);
}
