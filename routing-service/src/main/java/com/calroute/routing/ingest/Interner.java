package com.calroute.routing.ingest;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Equal immutable values held once: {@link #intern} answers the instance already held when there is one. Weak, so a
 * value nobody holds any more is forgotten. For the table's one writing thread only.
 */
final class Interner<T> {

    private final Map<T, WeakReference<T>> held = new WeakHashMap<>();

    /** The held instance equal to {@code value}, which becomes the held one if there is none; null for null. */
    T intern(T value) {
        if (value == null) {
            return null;
        }
        WeakReference<T> reference = held.get(value);
        T existing = reference == null ? null : reference.get();
        if (existing != null) {
            return existing;
        }
        held.put(value, new WeakReference<>(value));
        return value;
    }
}
