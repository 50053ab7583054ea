/**
 * Test helpers shared by Hearth's modules. {@link io.hearth.testsupport.RealHomeAssistant} runs a real
 * Home Assistant core (through {@code scripts/ha/ha-test-env.sh}) for integration tests, which are
 * tagged {@code home-assistant}; {@link io.hearth.testsupport.RealHomeAssistantExtension} injects it.
 */
package io.hearth.testsupport;
