package io.hearth.node;

/** A parameter value is missing or unusable. The message names the parameter. */
public class ParameterException extends NodeException {

    private final String parameter;

    public ParameterException(String parameter, String problem) {
        super("Parameter '" + parameter + "' " + problem);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
