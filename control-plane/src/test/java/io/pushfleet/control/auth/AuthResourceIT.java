package io.pushfleet.control.auth;

import io.pushfleet.control.support.LocalStackResource;
import io.pushfleet.control.support.Users;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(LocalStackResource.class)
class AuthResourceIT {

    @Inject
    AccountRepository accounts;

    private static Response post(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path);
    }

    @Test
    void registersWith201AndStoresABcryptHashNotThePassword() {
        String username = Users.uniqueName();

        Response response = post("/api/auth/register", Map.of("username", username, "password", Users.PASSWORD));

        assertThat(response.statusCode()).isEqualTo(201);
        long userId = response.jsonPath().getLong("userId");
        assertThat(userId).isPositive();
        Account stored = accounts.findByUsername(username).orElseThrow();
        assertThat(stored.id()).isEqualTo(userId);
        assertThat(stored.passwordHash()).startsWith("$2a$").doesNotContain(Users.PASSWORD);
    }

    @Test
    void refusesATakenUsernameWith409WhateverItsCase() {
        String username = Users.register();

        Response same = post("/api/auth/register", Map.of("username", username, "password", Users.PASSWORD));
        Response otherCase = post("/api/auth/register",
                Map.of("username", username.toUpperCase(Locale.ROOT), "password", Users.PASSWORD));

        assertThat(same.statusCode()).isEqualTo(409);
        assertThat(same.jsonPath().getString("code")).isEqualTo("username_taken");
        assertThat(otherCase.statusCode()).isEqualTo(409);
    }

    @ParameterizedTest(name = "{0}/{1} -> {2}")
    @CsvSource(nullValues = "NULL", value = {
            "ab,                                 correct horse,  invalid_username",
            "abcdefghijklmnopqrstuvwxyz0123456,  correct horse,  invalid_username",
            "'has space',                        correct horse,  invalid_username",
            "NULL,                               correct horse,  invalid_username",
            "valid_name,                         short1,         weak_password",
            "valid_name,                         aaaaaaaaaa,     weak_password",
            "valid_name,                         my-valid_name!, weak_password",
            "valid_name,                         NULL,           weak_password",
    })
    void refusesInvalidRegistrationsWith400AndAStableCode(String username, String password, String code) {
        Map<String, String> body = new HashMap<>();
        body.put("username", username);
        body.put("password", password);

        Response response = post("/api/auth/register", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("code")).isEqualTo(code);
        assertThat(response.jsonPath().getString("message")).isNotBlank();
    }

    @Test
    void refusesAPasswordOver128CharactersAsWeak() {
        Response response = post("/api/auth/register", Map.of("username", Users.uniqueName(), "password", "abcd".repeat(33)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("code")).isEqualTo("weak_password");
    }

    @Test
    void answersAWrongPasswordAndAnUnknownUserIdentically() {
        String username = Users.register();

        Response wrongPassword = post("/api/auth/login",
                Map.of("username", username, "password", "not the password", "deviceId", "phone-1"));
        Response unknownUser = post("/api/auth/login",
                Map.of("username", Users.uniqueName(), "password", "not the password", "deviceId", "phone-1"));

        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(unknownUser.statusCode()).isEqualTo(401);
        Map<String, Object> first = wrongPassword.jsonPath().getMap("");
        Map<String, Object> second = unknownUser.jsonPath().getMap("");
        assertThat(first).containsEntry("code", "invalid_credentials").containsKey("traceId");
        assertThat(first.get("traceId")).isNotEqualTo(second.get("traceId"));
        first.remove("traceId");
        second.remove("traceId");
        assertThat(first).isEqualTo(second);
    }

    @Test
    void refusesABadDeviceIdWith400() {
        String username = Users.register();

        Response response = post("/api/auth/login",
                Map.of("username", username, "password", Users.PASSWORD, "deviceId", "no spaces allowed"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("code")).isEqualTo("invalid_device_id");
    }

    @Test
    void refusesALoginWithoutUsernameOrPasswordWith400() {
        Response response = post("/api/auth/login", Map.of("username", "someone", "deviceId", "phone-1"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("code")).isEqualTo("invalid_request");
    }
}
