package com.calroute.contracts.problem;

import com.calroute.contracts.connection.DiagnosisCodes;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every stable code a client may translate is kebab-case, unique, and listed in the repository's docs/PRODUCT.md. */
class CodesDocumentedTest {

    @Test
    void everyCodeIsKebabCaseUniqueAndDocumented() throws Exception {
        String product = Files.readString(Path.of(System.getProperty("repo.root", "..")).resolve("docs/PRODUCT.md"));
        List<String> fieldCodes = constants(FieldErrorCodes.class);
        List<String> diagnosisCodes = constants(DiagnosisCodes.class);
        List<String> types = constants(ProblemTypes.class);

        assertThat(fieldCodes).isNotEmpty().doesNotHaveDuplicates().allMatch(c -> c.matches("[a-z]+(-[a-z0-9]+)*"));
        assertThat(diagnosisCodes).containsExactlyInAnyOrderElementsOf(DiagnosisCodes.ALL);
        for (String code : concat(fieldCodes, diagnosisCodes, types)) {
            assertThat(product).as("docs/PRODUCT.md lists " + code).contains("| `" + code + "` |");
        }
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return Arrays.stream(lists).flatMap(List::stream).toList();
    }

    private static List<String> constants(Class<?> type) throws IllegalAccessException {
        List<String> values = new java.util.ArrayList<>();
        for (Field field : type.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                values.add((String) field.get(null));
            }
        }
        return values;
    }
}
