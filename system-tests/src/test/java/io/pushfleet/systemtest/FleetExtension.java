package io.pushfleet.systemtest;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the one {@link Fleet} shared by every system test class of a run. It is started on first
 * use and closed (processes stopped) when the run ends, through JUnit's root store.
 */
final class FleetExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Fleet.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(Fleet.class, key -> {
                    try {
                        return Fleet.start();
                    } catch (Exception e) {
                        throw new IllegalStateException("the fleet did not start: " + e.getMessage(), e);
                    }
                }, Fleet.class);
    }
}
