package io.pushfleet.control.support;

import io.restassured.http.ContentType;

import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;

/** Registers throwaway accounts over HTTP; names are random because the database outlives test runs. */
public final class Users {

    public static final String PASSWORD = "correct horse battery";

    private Users() {
    }

    /** A fresh username that no earlier run has taken. */
    public static String uniqueName() {
        return "it_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    /** Registers a fresh user with {@link #PASSWORD} and returns its user id. */
    public static long registerId() {
        String username = uniqueName();
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", PASSWORD))
                .when().post("/api/auth/register")
                .then().statusCode(201)
                .extract().jsonPath().getLong("userId");
    }

    /** Registers a fresh user with {@link #PASSWORD} and returns its name. */
    public static String register() {
        String username = uniqueName();
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", PASSWORD))
                .when().post("/api/auth/register")
                .then().statusCode(201);
        return username;
    }
}
