package com.calroute.console;

import com.calroute.contracts.problem.FieldErrorCodes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every field error code a service may answer has a sentence in each of the console's languages: without one the
 * console falls back to the service's English words, which then stand inside a Norwegian page.
 */
class FieldErrorTextsTest {

    @ParameterizedTest
    @ValueSource(strings = {"nb", "en"})
    void everyFieldErrorCodeHasASentence(String language) throws IOException, IllegalAccessException {
        String texts = Files.readString(Path.of("src/main/resources/META-INF/resources/texts/" + language + ".js"),
                StandardCharsets.UTF_8);
        int start = texts.indexOf("\n  fieldError: {");
        assertThat(start).as("texts/%s.js has a fieldError block", language).isPositive();
        String block = texts.substring(start, texts.indexOf("\n  },", start));
        List<String> missing = new ArrayList<>();
        for (Field field : FieldErrorCodes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String code = (String) field.get(null);
                if (!Pattern.compile("(^|[\\s{,])('" + Pattern.quote(code) + "'|" + Pattern.quote(code) + "):",
                        Pattern.MULTILINE).matcher(block).find()) {
                    missing.add(code);
                }
            }
        }
        assertThat(missing).as("field error codes without a sentence in texts/%s.js", language).isEmpty();
    }
}
