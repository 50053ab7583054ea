/** The "Home Assistant API" credential type ({@code homeAssistantApi}): fields, normalisation, validation, test. */
package io.hearth.nodes.homeassistant.credential;
