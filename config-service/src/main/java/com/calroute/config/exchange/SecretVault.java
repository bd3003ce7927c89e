package com.calroute.config.exchange;

import com.calroute.config.CalrouteConfig;
import com.calroute.config.exchange.secrets.Keyring;
import com.calroute.config.exchange.secrets.SecretCipher;
import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The service's secret encryption, built at start-up from {@code calroute.secrets.*}. Without a usable key the
 * service refuses to start with a message that says how to configure one. Secrets are bound to their tenant and
 * field, so a sealed value moved to another row does not decrypt.
 */
@Startup
@Singleton
public class SecretVault {

    private final SecretCipher cipher;

    @Inject
    public SecretVault(CalrouteConfig config) {
        Keyring keyring = Keyring.parse(config.secrets().keys().orElse(List.of()), config.secrets().activeKeyId());
        this.cipher = new SecretCipher(keyring);
    }

    public String seal(String tenantId, String field, String plaintext) {
        return cipher.seal(plaintext, context(tenantId, field));
    }

    public String open(String tenantId, String field, String sealed) {
        return sealed == null ? null : cipher.open(sealed, context(tenantId, field));
    }

    public boolean isUnderActiveKey(String sealed) {
        return cipher.isUnderActiveKey(sealed);
    }

    public String reseal(String tenantId, String field, String sealed) {
        return cipher.reseal(sealed, context(tenantId, field));
    }

    private static String context(String tenantId, String field) {
        return "calroute/" + tenantId + "/" + field;
    }
}
