package com.calroute.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shipped realm plus what only this suite needs: the console client accepts the suite's console origin
 * (its port) as redirect and post-logout URI. The shipped realm must not (a deployed realm would accept
 * redirects to whatever listens on that port), so the variant is generated into target/ at every start.
 */
final class E2eRealm {

    private static final ObjectMapper JSON = new ObjectMapper();

    private E2eRealm() {
    }

    /** Writes the variant for a console on this port beside the run folder and returns its path. */
    static Path write(Path repoRoot, Path targetDir, int consolePort) {
        try {
            ObjectNode realm = (ObjectNode) JSON.readTree(repoRoot.resolve("docker/keycloak/calroute-realm.json").toFile());
            for (JsonNode client : realm.path("clients")) {
                if ("calroute-console".equals(client.path("clientId").asText())) {
                    ArrayNode redirects = (ArrayNode) client.path("redirectUris");
                    redirects.add("http://localhost:" + consolePort + "/*").add("http://127.0.0.1:" + consolePort + "/*");
                    ObjectNode attributes = (ObjectNode) client.path("attributes");
                    String postLogout = attributes.path("post.logout.redirect.uris").asText();
                    String ours = "http://localhost:" + consolePort + "/*##http://127.0.0.1:" + consolePort + "/*";
                    attributes.put("post.logout.redirect.uris", postLogout.isEmpty() ? ours : postLogout + "##" + ours);
                }
            }
            Files.createDirectories(targetDir);
            Path file = targetDir.resolve("calroute-realm-e2e.json");
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), realm);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the e2e realm", e);
        }
    }
}
