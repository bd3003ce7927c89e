package com.calroute.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys of a service's {@code @ConfigMapping(prefix = "calroute")} interface, read from its source, as the
 * environment variables that set them (calroute.sync.window-back → CALROUTE_SYNC_WINDOW_BACK) with their defaults.
 * Reading the source keeps this module free of the services' Quarkus classpaths.
 */
final class ConfigMappingKeys {

    private static final Pattern ROOT = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"calroute\"\\s*\\)[^{]*?interface\\s+(\\w+)\\s*\\{");
    private static final Pattern NESTED = Pattern.compile("\\binterface\\s+(\\w+)\\s*\\{");
    private static final Pattern METHOD = Pattern.compile(
            "((?:@\\w+(?:\\((?:\"(?:[^\"\\\\]|\\\\.)*\"|[^)])*\\))?\\s*)*)([\\w.]+(?:<[^;()]*>)?(?:\\[])?)\\s+(\\w+)\\s*\\(\\s*\\)\\s*;");
    private static final Pattern WITH_DEFAULT = Pattern.compile("@WithDefault\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\)");
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\(\\s*\"([^\"]*)\"\\s*\\)");

    private ConfigMappingKeys() {
    }

    /** Environment variable → default (null when none), for every leaf key; empty when the module has no mapping. */
    static Map<String, String> of(String module) {
        Map<String, String> keys = new LinkedHashMap<>();
        Path sources = Repo.path(module + "/src/main/java");
        if (!Files.isDirectory(sources)) {
            return keys;
        }
        for (Path file : Repo.files(module + "/src/main/java", ".java")) {
            String text = stripComments(Repo.read(file));
            Matcher root = ROOT.matcher(text);
            if (!root.find()) {
                continue;
            }
            Map<String, String> bodies = new LinkedHashMap<>();
            bodies.put(root.group(1), body(text, root.end() - 1));
            Matcher nested = NESTED.matcher(text);
            while (nested.find()) {
                bodies.putIfAbsent(nested.group(1), body(text, nested.end() - 1));
            }
            walk(root.group(1), "calroute", bodies, keys);
            if (keys.isEmpty()) {
                throw new AssertionError(Repo.relative(file) + ": found @ConfigMapping(prefix = \"calroute\") but no keys; "
                        + "ConfigMappingKeys cannot read this interface");
            }
        }
        return keys;
    }

    private static void walk(String type, String prefix, Map<String, String> bodies, Map<String, String> keys) {
        String body = topLevel(bodies.get(type));
        Matcher m = METHOD.matcher(body);
        while (m.find()) {
            String annotations = m.group(1);
            String returnType = m.group(2);
            Matcher named = WITH_NAME.matcher(annotations);
            String key = prefix + "." + (named.find() ? named.group(1) : kebab(m.group(3)));
            String simple = leafType(returnType);
            if (bodies.containsKey(simple)) {
                walk(simple, key, bodies, keys);
            } else {
                Matcher withDefault = WITH_DEFAULT.matcher(annotations);
                keys.put(environmentName(key), withDefault.find() ? withDefault.group(1) : null);
            }
        }
    }

    static String environmentName(String key) {
        return key.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    // Optional<Kafka> and Kafka both name the group Kafka; java.util types are leaves.
    private static String leafType(String type) {
        String t = type;
        for (String wrapper : List.of("Optional<", "java.util.Optional<")) {
            if (t.startsWith(wrapper)) {
                t = t.substring(wrapper.length(), t.length() - 1);
            }
        }
        return t.substring(t.lastIndexOf('.') + 1);
    }

    // The body's text with nested interface bodies blanked, so their methods are not taken for this level's.
    private static String topLevel(String body) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (char c : body.toCharArray()) {
            if (c == '{') {
                depth++;
            }
            if (depth == 0) {
                out.append(c);
            } else {
                out.append(' ');
            }
            if (c == '}') {
                depth--;
                out.append(';');
            }
        }
        return out.toString();
    }

    private static String body(String text, int openBrace) {
        int depth = 0;
        for (int i = openBrace; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                i = skipString(text, i);
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return text.substring(openBrace + 1, i);
            }
        }
        throw new AssertionError("unbalanced braces after offset " + openBrace);
    }

    private static int skipString(String text, int quote) {
        for (int i = quote + 1; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                i++;
            } else if (text.charAt(i) == '"') {
                return i;
            }
        }
        return text.length();
    }

    private static String stripComments(String source) {
        String noBlocks = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL).matcher(source).replaceAll(" ");
        return noBlocks.replaceAll("(?m)^\\s*//.*$", "");
    }

    static Optional<String> defaultOf(String module, String variable) {
        return Optional.ofNullable(of(module).get(variable));
    }
}
