package com.calroute.deployment;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds fields the Kubernetes API does not have. fabric8's model never fails on an unknown or mistyped field: it
 * keeps it in the object's {@code additionalProperties}, where a typo such as {@code readinesProbe} would sit
 * unnoticed until the API server drops or refuses it. This walks the typed object graph through its getters and
 * reports every non-empty {@code additionalProperties} with its path.
 */
final class UnknownFields {

    private UnknownFields() {
    }

    static List<String> find(Object root, String path) {
        List<String> found = new ArrayList<>();
        walk(root, path, found, Collections.newSetFromMap(new IdentityHashMap<>()));
        return found;
    }

    private static void walk(Object value, String path, List<String> found, Set<Object> seen) {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, found, seen));
            return;
        }
        if (value instanceof Collection<?> collection) {
            int i = 0;
            for (Object item : collection) {
                walk(item, path + "[" + i++ + "]", found, seen);
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (!isGetter(getter)) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (IllegalAccessException e) {
                continue;
            } catch (InvocationTargetException e) {
                found.add(path + "." + property(getter) + ": cannot be read (" + e.getCause() + ")");
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    found.add(path + ": unknown or mistyped field(s) " + extra.keySet());
                }
                continue;
            }
            walk(child, path + "." + property(getter), found, seen);
        }
    }

    private static boolean isGetter(Method m) {
        return m.getParameterCount() == 0
                && !Modifier.isStatic(m.getModifiers())
                && m.getName().startsWith("get")
                && !m.getName().equals("getClass")
                && m.getDeclaringClass().getName().startsWith("io.fabric8.")
                && !m.getReturnType().isPrimitive();
    }

    private static String property(Method getter) {
        String name = getter.getName().substring(3);
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
