package com.calroute.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A Dockerfile as its instructions: continuation lines joined, comments and blank lines dropped. */
record Dockerfile(String source, List<Instruction> instructions) {

    record Instruction(String keyword, String arguments) {
    }

    static Dockerfile parse(String text, String source) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (!current.isEmpty() && trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String joined = current.toString().strip();
            current.setLength(0);
            int space = joined.indexOf(' ');
            String keyword = (space < 0 ? joined : joined.substring(0, space)).toUpperCase(Locale.ROOT);
            instructions.add(new Instruction(keyword, space < 0 ? "" : joined.substring(space + 1).strip()));
        }
        if (!current.isEmpty()) {
            throw new AssertionError(source + ": ends inside a continued line");
        }
        return new Dockerfile(source, instructions);
    }

    /** The ARG instructions before the first FROM (the ones a FROM can use), each with its default or "". */
    Map<String, String> argumentDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals("FROM")) {
                break;
            }
            if (instruction.keyword().equals("ARG")) {
                String[] nameAndDefault = instruction.arguments().split("=", 2);
                defaults.put(nameAndDefault[0].strip(), nameAndDefault.length > 1 ? nameAndDefault[1].strip() : "");
            }
        }
        return defaults;
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }
}
