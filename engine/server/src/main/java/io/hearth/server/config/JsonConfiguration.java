package io.hearth.server.config;

import io.hearth.common.Json;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring's JSON mapper (request and response bodies) reads JSON as the rest of Hearth does ({@link Json}): whole
 * numbers as Long, other numbers as Double, text after the JSON value refused.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer hearthJson() {
        return Json::configure;
    }
}
