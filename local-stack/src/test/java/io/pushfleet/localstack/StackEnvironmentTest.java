package io.pushfleet.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackEnvironmentTest {

    private static final UnaryOperator<String> NONE = name -> null;

    @TempDir
    Path tmp;

    @Test
    void findsTheNearestAncestorHoldingMvnw() throws IOException {
        Path root = tmp.resolve("checkout");
        Path module = Files.createDirectories(root.resolve("control-plane/src"));
        Files.createFile(root.resolve("mvnw"));

        StackEnvironment environment = StackEnvironment.of(NONE, NONE, module);

        assertThat(environment.projectRoot()).isEqualTo(root);
        assertThat(environment.portOffset()).isZero();
    }

    @Test
    void systemPropertyWinsOverEnvironmentVariableAndWorkingDirectory() throws IOException {
        Path fromProperty = Files.createDirectories(tmp.resolve("a"));
        Path fromVariable = Files.createDirectories(tmp.resolve("b"));

        StackEnvironment environment = StackEnvironment.of(
                lookup(StackEnvironment.ROOT_PROPERTY, fromProperty.toString()),
                lookup(StackEnvironment.ROOT_VARIABLE, fromVariable.toString()),
                tmp);

        assertThat(environment.projectRoot()).isEqualTo(fromProperty);
    }

    @Test
    void environmentVariableIsUsedWithoutSystemProperty() throws IOException {
        Path fromVariable = Files.createDirectories(tmp.resolve("b"));

        StackEnvironment environment = StackEnvironment.of(
                NONE, lookup(StackEnvironment.ROOT_VARIABLE, fromVariable.toString()), tmp);

        assertThat(environment.projectRoot()).isEqualTo(fromVariable);
    }

    @Test
    void failsClearlyOutsideTheCheckout() {
        assertThatThrownBy(() -> StackEnvironment.of(NONE, NONE, tmp))
                .isInstanceOf(LocalStackException.class)
                .hasMessage("project root: no mvnw in " + tmp + " or any parent (expected: run inside the"
                        + " pushfleet checkout, or set -Dpushfleet.root or PUSHFLEET_ROOT)");
    }

    @Test
    void failsClearlyWhenTheGivenRootDoesNotExist() {
        Path missing = tmp.resolve("missing");

        assertThatThrownBy(() -> StackEnvironment.of(
                lookup(StackEnvironment.ROOT_PROPERTY, missing.toString()), NONE, tmp))
                .isInstanceOf(LocalStackException.class)
                .hasMessage("pushfleet.root: " + missing + " (expected: an existing directory)");
    }

    @Test
    void readsThePortOffset() {
        StackEnvironment environment = StackEnvironment.of(
                lookup(StackEnvironment.ROOT_PROPERTY, tmp.toString()),
                lookup(StackEnvironment.PORT_OFFSET_VARIABLE, "1000"), tmp);

        assertThat(environment.portOffset()).isEqualTo(1000);
    }

    @Test
    void rejectsAPortOffsetThatIsNotANumber() {
        assertThatThrownBy(() -> StackEnvironment.of(
                Map.of(StackEnvironment.ROOT_PROPERTY, tmp.toString(),
                        StackEnvironment.PORT_OFFSET_PROPERTY, "lots")::get, NONE, tmp))
                .isInstanceOf(LocalStackException.class)
                .hasMessage("pushfleet.localstack.portOffset: \"lots\" (expected: an integer such as 1000)");
    }

    private static UnaryOperator<String> lookup(String name, String value) {
        return key -> key.equals(name) ? value : null;
    }
}
