package io.hearth.server.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * WebFlux's validator for {@code @Valid} arguments, which Hearth does not use: requests are checked by the
 * controllers and the workflow validator, whose messages name each field as the user sees it. Without this, WebFlux
 * bootstraps Hibernate Validator at start-up (~450 classes, a few MB of idle memory) only to never call it.
 * Hibernate Validator stays on the class path because springdoc reads its constraint annotations.
 */
@Configuration(proxyBeanMethods = false)
class NoBeanValidation implements WebFluxConfigurer {

    @Override
    public Validator getValidator() {
        return Unused.INSTANCE;
    }

    private enum Unused implements Validator {
        INSTANCE;

        @Override
        public boolean supports(Class<?> type) {
            return false;
        }

        @Override
        public void validate(Object target, Errors errors) {
            // supports nothing, so never asked
        }
    }
}
