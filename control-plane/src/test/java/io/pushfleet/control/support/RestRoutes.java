package io.pushfleet.control.support;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every JAX-RS route the control plane declares, found at test time by scanning its compiled classes for
 * {@link Path}, so a test over "all routes" also covers the ones added after it was written. Sub-resource
 * locators ({@code @Path} without an HTTP method) are not followed: {@link #all()} fails on one, so a test
 * relying on this list cannot silently miss its routes.
 */
public final class RestRoutes {

    /** One route: HTTP method, path template as declared, and the resource method. */
    public record Route(String httpMethod, String path, Method method) {

        /** The path with every {@code {param}} replaced by {@code 1}. */
        public String samplePath() {
            return path.replaceAll("\\{[^}]+}", "1");
        }

        @Override
        public String toString() {
            return httpMethod + " " + path;
        }
    }

    private static final String ROOT_PACKAGE = "io/pushfleet/control";

    private RestRoutes() {
    }

    /** Every route under {@code prefix} (a path that is the prefix or starts with it plus {@code /}), sorted. */
    public static List<Route> under(String prefix) {
        return all().stream().filter(r -> r.path().equals(prefix) || r.path().startsWith(prefix + "/")).toList();
    }

    /** Every route of the application's resource classes, sorted by path and method. */
    public static List<Route> all() {
        List<Route> routes = new ArrayList<>();
        for (Class<?> type : resourceClasses()) {
            String base = type.getAnnotation(Path.class).value();
            for (Method method : type.getMethods()) {
                String httpMethod = httpMethod(method);
                Path sub = method.getAnnotation(Path.class);
                if (httpMethod == null && sub != null) {
                    throw new IllegalStateException("sub-resource locator " + type.getName() + "." + method.getName()
                            + " is not enumerated; extend RestRoutes before adding one");
                }
                if (httpMethod != null) {
                    routes.add(new Route(httpMethod, join(base, sub == null ? "" : sub.value()), method));
                }
            }
        }
        routes.sort(Comparator.comparing(Route::path).thenComparing(Route::httpMethod));
        return routes;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static String join(String base, String sub) {
        String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** Classes with {@code @Path} in the directory of the main classes (the one holding this package's root). */
    private static List<Class<?>> resourceClasses() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            List<Class<?>> classes = new ArrayList<>();
            for (URL url : Collections.list(loader.getResources(ROOT_PACKAGE))) {
                if (!"file".equals(url.getProtocol()) || url.getPath().contains("/test-classes/")) {
                    continue;
                }
                java.nio.file.Path dir = Paths.get(url.toURI());
                java.nio.file.Path root = dir.getParent().getParent().getParent();
                try (Stream<java.nio.file.Path> files = Files.walk(dir)) {
                    for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                        String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                        Class<?> type = Class.forName(name, false, loader);
                        if (type.isAnnotationPresent(Path.class) && !Modifier.isAbstract(type.getModifiers())) {
                            classes.add(type);
                        }
                    }
                }
            }
            if (classes.isEmpty()) {
                throw new IllegalStateException("no resource classes found under " + ROOT_PACKAGE);
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot scan the resource classes", e);
        }
    }
}
