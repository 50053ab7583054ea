package io.hearth.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The method-name tables (used for property reads) must match what the dispatchers implement. */
class MethodTablesTest {

    private static final Object[] ARGS = {1L, 1L};

    private static void assertDispatched(Object receiver, Set<String> names) {
        for (String name : names) {
            Object result;
            try {
                result = Members.callBuiltinMethod(EvalContext.standalone(), receiver, name, ARGS);
            } catch (ExpressionException wrongArguments) {
                result = wrongArguments;
            }
            assertThat(result)
                    .as("%s.%s()", receiver.getClass().getSimpleName(), name)
                    .isNotSameAs(Members.NOT_FOUND);
            assertThat(Sandbox.isForbiddenProperty(name)).as(name).isFalse();
            if (!(receiver instanceof String && name.equals("length"))) { // n8n's "x".length() and the property
                assertThat(Members.getNamed(EvalContext.standalone(), receiver, name))
                        .isInstanceOf(BoundMethod.class);
            }
        }
    }

    @Test
    void everyListedMethodIsImplemented() {
        assertDispatched("abc", StringMethods.NAMES);
        assertDispatched(List.of(1, 2), ArrayMethods.NAMES);
        assertDispatched(Map.of("a", 1), ObjectMethods.NAMES);
        assertDispatched(5L, NumberMethods.NAMES);
        assertDispatched(true, NumberMethods.BOOLEAN_NAMES);
        assertDispatched(
                DateTimeValue.of(ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)), DateTimeMethods.NAMES);
        assertDispatched(JsRegExp.compile("a", "g"), RegExpMethods.NAMES);
    }

    @Test
    void unknownNamesAreNotMethods() {
        assertThat(Members.callBuiltinMethod(EvalContext.standalone(), "abc", "nope", ARGS))
                .isSameAs(Members.NOT_FOUND);
        assertThat(Members.getNamed(EvalContext.standalone(), "abc", "nope")).isSameAs(Undefined.INSTANCE);
        assertThat(Members.getNamed(EvalContext.standalone(), List.of(), "nope"))
                .isSameAs(Undefined.INSTANCE);
    }

    @Test
    void methodsReadAsValuesAreFunctions() {
        assertThat(Js.eval(
                        "[typeof 'a'.trim, typeof [].map, typeof (1).toFixed, typeof ({}).isEmpty, typeof /a/.test]"))
                .isEqualTo(List.of("function", "function", "function", "function", "function"));
    }
}
