package io.hearth.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that injects a {@link RealHomeAssistant} into test constructors, lifecycle methods
 * and test methods: the shared plain-HTTP instance, or the https one for a parameter annotated
 * {@link Tls @Tls}.
 * <pre>{@code
 * @Tag("home-assistant")
 * @ExtendWith(RealHomeAssistantExtension.class)
 * class LightIT {
 *     @Test
 *     void turnsLightOn(RealHomeAssistant ha) { ... ha.url() ... ha.token() ... }
 * }
 * }</pre>
 */
public final class RealHomeAssistantExtension implements ParameterResolver {

    /** Marks a {@link RealHomeAssistant} parameter that wants the https instance with a self-signed certificate. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    public @interface Tls {}

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == RealHomeAssistant.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        try {
            return parameterContext.isAnnotated(Tls.class) ? RealHomeAssistant.tls() : RealHomeAssistant.shared();
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("No real Home Assistant: " + e.getMessage(), e);
        }
    }
}
