package io.hearth.runtime.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EditFieldsMigrationsTest {

    @Test
    void v30IncludeAllIsTheDefaultAndNoneDropsTheOtherFields() {
        assertThat(EditFieldsNode.includeToV33(Map.of())).isEqualTo(Map.of("includeOtherFields", true));
        assertThat(EditFieldsNode.includeToV33(Map.of("include", "none")))
                .isEqualTo(Map.of("includeOtherFields", false));
        assertThat(EditFieldsNode.includeToV33(Map.of("include", "except", "excludeFields", "a")))
                .isEqualTo(Map.of("include", "except", "excludeFields", "a", "includeOtherFields", true));
    }
}
