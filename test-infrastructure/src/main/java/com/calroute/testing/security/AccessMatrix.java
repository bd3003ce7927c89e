package com.calroute.testing.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Who may call which endpoint of a service, read from the code itself: every JAX-RS resource method under a
 * service's compiled classes with its HTTP method, path and roles ({@code @RolesAllowed}, {@code @PermitAll},
 * {@code @DenyAll}, method over class). The README's Security section shows this table between markers, and each
 * service's test fails when the two differ, so the documented access matrix cannot drift from the annotations.
 * Annotations are read by name, so this helper needs no JAX-RS or security API on its own class path.
 */
public final class AccessMatrix {

    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final String PATH = "jakarta.ws.rs.Path";
    private static final String ROLES_ALLOWED = "jakarta.annotation.security.RolesAllowed";
    private static final String PERMIT_ALL = "jakarta.annotation.security.PermitAll";
    private static final String DENY_ALL = "jakarta.annotation.security.DenyAll";
    private static final String OPERATION = "org.eclipse.microprofile.openapi.annotations.Operation";

    /** One endpoint: HTTP method, full path, who may call it, and its OpenAPI summary (empty if none). */
    public record Row(String method, String path, String roles, String summary) {
    }

    private AccessMatrix() {
    }

    /** Every endpoint of the resources compiled beside {@code anyServiceClass}, sorted by path and method. */
    public static List<Row> of(Class<?> anyServiceClass) {
        Path classes = classesDirectory(anyServiceClass);
        List<Row> rows = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                        .replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, anyServiceClass.getClassLoader());
                // Interfaces with @Path are REST clients of other services, not endpoints of this one.
                if (!type.isInterface()) {
                    annotation(type.getAnnotations(), PATH).ifPresent(path -> rows.addAll(endpoints(type, value(path))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        rows.sort(Comparator.comparing(Row::path).thenComparing(Row::method));
        return rows;
    }

    /**
     * Fails unless the root README's access matrix of {@code service} is the one its annotations give (run with
     * {@code -Daccess-matrix.write=true} to rewrite the README's block instead). The repository root comes
     * from the {@code repo.root} system property the build sets for tests.
     */
    public static void assertReadmeMatches(String service, Class<?> anyServiceClass) {
        String expected = markdown(of(anyServiceClass));
        Path readme = Path.of(System.getProperty("repo.root", "..")).resolve("README.md");
        String documented = documented(readme, service, expected, Boolean.getBoolean("access-matrix.write"));
        if (!documented.equals(expected)) {
            throw new AssertionError("README.md's access matrix of " + service + " differs from the code's role"
                    + " annotations; run the test with -Daccess-matrix.write=true to refresh it. The code says:\n"
                    + expected + "\nThe README says:\n" + documented);
        }
    }

    /** The matrix as the README shows it. */
    public static String markdown(List<Row> rows) {
        StringBuilder table = new StringBuilder("| method | path | who may call it | what |\n|---|---|---|---|\n");
        for (Row row : rows) {
            table.append("| ").append(row.method()).append(" | `").append(row.path()).append("` | ").append(row.roles())
                    .append(" | ").append(row.summary().replace("|", "\\|")).append(" |\n");
        }
        return table.toString();
    }

    /**
     * The table between {@code <!-- access-matrix:SERVICE -->} and {@code <!-- /access-matrix:SERVICE -->} in the
     * README at {@code readme}; with {@code write} true the README is rewritten with {@code expected} first (how a
     * developer refreshes it: {@code -Daccess-matrix.write=true}).
     */
    public static String documented(Path readme, String service, String expected, boolean write) {
        try {
            String text = Files.readString(readme, StandardCharsets.UTF_8);
            String begin = "<!-- access-matrix:" + service + " -->\n";
            String end = "<!-- /access-matrix:" + service + " -->";
            int from = text.indexOf(begin);
            int to = text.indexOf(end);
            if (from < 0 || to < from) {
                throw new IllegalStateException(readme + " has no " + begin.strip() + " … " + end + " block");
            }
            if (write) {
                text = text.substring(0, from + begin.length()) + expected + text.substring(to);
                Files.writeString(readme, text, StandardCharsets.UTF_8);
                to = text.indexOf(end);
            }
            return text.substring(from + begin.length(), to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Row> endpoints(Class<?> type, String classPath) {
        List<Row> rows = new ArrayList<>();
        for (Method method : type.getDeclaredMethods()) {
            Optional<String> http = httpMethod(method);
            if (http.isEmpty()) {
                continue;
            }
            String path = join(classPath, annotation(method.getAnnotations(), PATH).map(AccessMatrix::value).orElse(""));
            String summary = annotation(method.getAnnotations(), OPERATION).map(op -> (String) call(op, "summary"))
                    .orElse("");
            rows.add(new Row(http.get(), path, roles(method, type), summary));
        }
        return rows;
    }

    private static String roles(Method method, Class<?> type) {
        for (Annotation[] level : List.of(method.getAnnotations(), type.getAnnotations())) {
            if (annotation(level, DENY_ALL).isPresent()) {
                return "nobody";
            }
            if (annotation(level, PERMIT_ALL).isPresent()) {
                return "anyone (checked by the endpoint itself)";
            }
            Optional<Annotation> allowed = annotation(level, ROLES_ALLOWED);
            if (allowed.isPresent()) {
                return String.join(", ", (String[]) call(allowed.get(), "value"));
            }
        }
        return "nobody (unannotated, denied)";
    }

    private static Optional<String> httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            Class<? extends Annotation> type = annotation.annotationType();
            if (type.getPackageName().equals("jakarta.ws.rs") && HTTP_METHODS.contains(type.getSimpleName())) {
                return Optional.of(type.getSimpleName());
            }
        }
        return Optional.empty();
    }

    private static Optional<Annotation> annotation(Annotation[] annotations, String typeName) {
        for (Annotation annotation : annotations) {
            if (annotation.annotationType().getName().equals(typeName)) {
                return Optional.of(annotation);
            }
        }
        return Optional.empty();
    }

    private static String value(Annotation annotation) {
        return (String) call(annotation, "value");
    }

    private static Object call(Annotation annotation, String element) {
        try {
            return annotation.annotationType().getMethod(element).invoke(annotation);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + element + " of " + annotation, e);
        }
    }

    private static String join(String classPath, String methodPath) {
        String joined = ("/" + classPath + "/" + methodPath).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static Path classesDirectory(Class<?> anyServiceClass) {
        try {
            Path location = Path.of(anyServiceClass.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isDirectory(location)) {
                throw new IllegalStateException(anyServiceClass + " was not loaded from a classes directory: " + location);
            }
            return location;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
