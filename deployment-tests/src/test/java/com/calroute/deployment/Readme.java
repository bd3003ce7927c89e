package com.calroute.deployment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The README's "Deploying to Kubernetes" tables: production configuration, tuning keys and Secrets. */
record Readme(String text, List<Row> production, List<Row> tuning, List<SecretRow> secrets) {

    static final String SECTION = "## Deploying to Kubernetes";

    /** A variable row; {@code required} is blank in the tuning table, {@code defaultValue} in the production one. */
    record Row(String variable, List<String> workloads, String required, String defaultValue) {
    }

    record SecretRow(String name, List<String> keys) {
    }

    static Readme read() {
        return parse(Repo.read("README.md"));
    }

    static Readme parse(String text) {
        List<Row> production = new ArrayList<>();
        List<Row> tuning = new ArrayList<>();
        List<SecretRow> secrets = new ArrayList<>();
        String section = section(text, SECTION);
        List<String> header = null;
        for (String line : section.split("\n")) {
            if (!line.startsWith("|")) {
                header = null;
                continue;
            }
            List<String> cells = cells(line);
            if (header == null) {
                header = cells;
                continue;
            }
            if (cells.stream().allMatch(c -> c.matches("-+"))) {
                continue;
            }
            if (header.get(0).equals("variable") && header.contains("required")) {
                production.add(new Row(unquote(cells.get(0)), workloads(cells.get(header.indexOf("used by"))),
                        cells.get(header.indexOf("required")), ""));
            } else if (header.get(0).equals("variable") && header.contains("default")) {
                tuning.add(new Row(unquote(cells.get(0)), workloads(cells.get(header.indexOf("used by"))), "",
                        unquote(cells.get(header.indexOf("default")))));
            } else if (header.get(0).equals("Secret")) {
                String name = unquote(cells.get(0).replace("(optional)", "").strip());
                secrets.add(new SecretRow(name, Arrays.stream(cells.get(1).split(",")).map(String::strip).map(Readme::unquote).toList()));
            }
        }
        return new Readme(text, production, tuning, secrets);
    }

    /** Whether a variable is listed, in either variable table, for a workload (its full name). */
    boolean documented(String variable, String workload) {
        return production.stream().anyMatch(r -> r.variable().equals(variable) && r.workloads().contains(workload))
                || tuning.stream().anyMatch(r -> r.variable().equals(variable) && r.workloads().contains(workload));
    }

    /** The text of a heading's section, up to the next heading of the same or a higher level. */
    String section(String heading) {
        return section(text, heading);
    }

    private static String section(String text, String heading) {
        int start = text.indexOf("\n" + heading + "\n");
        if (start < 0) {
            throw new AssertionError("README.md has no section '" + heading + "'");
        }
        String level = heading.substring(0, heading.indexOf(' ') + 1);
        int end = text.length();
        for (String marker : level.equals("## ") ? List.of("\n## ") : List.of("\n## ", "\n" + level)) {
            int next = text.indexOf(marker, start + heading.length() + 1);
            if (next >= 0 && next < end) {
                end = next;
            }
        }
        return text.substring(start + 1, end);
    }

    private static List<String> workloads(String cell) {
        List<String> names = new ArrayList<>();
        for (String alias : cell.split(",")) {
            String name = ProductionConfigurationTest.WORKLOADS.get(alias.strip());
            if (name == null) {
                throw new AssertionError("README: unknown service '" + alias.strip() + "' in 'used by' (use "
                        + ProductionConfigurationTest.WORKLOADS.keySet() + ")");
            }
            names.add(name);
        }
        return names;
    }

    private static List<String> cells(String line) {
        String inner = line.strip();
        inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
        return Arrays.stream(inner.split("\\|", -1)).map(String::strip).toList();
    }

    private static String unquote(String cell) {
        return cell.replace("`", "").strip();
    }
}
