package io.pushfleet.control.admin;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class AdminAuthFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/admin", "/api/admin/", "/api/admin/nodes", "/api//admin/nodes", "/api/./admin/nodes",
            "/api/x/../admin/nodes", "/api%2Fadmin/nodes", "/api/%61dmin/nodes", "/api/admin;v=1/nodes",
            "//api/admin/online", "/api/admin/%zz"})
    void guardsEverySpellingOfTheAdminPrefix(String path) {
        assertThat(AdminAuthFilter.isAdminPath(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/auth/login", "/api/administrator", "/api/admin-ui", "/API/admin/nodes",
            "/api/admin/../auth/login", "/health/ready"})
    void letsOtherPathsThrough(String path) {
        assertThat(AdminAuthFilter.isAdminPath(path)).isFalse();
    }
}
