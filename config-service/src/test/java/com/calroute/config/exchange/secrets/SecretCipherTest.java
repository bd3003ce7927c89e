package com.calroute.config.exchange.secrets;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {

    private static final String K1 = "k1:" + Base64.getEncoder().encodeToString(new byte[32]);
    private static final String K2 = "k2:" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void sealsUnderTheActiveKeyAndOpensWithTheSameContext() {
        SecretCipher cipher = new SecretCipher(Keyring.parse(List.of(K1), Optional.empty()));
        String sealed = cipher.seal("hunter2", "calroute/acme/password");
        assertThat(sealed).startsWith("k1:").doesNotContain("hunter2");
        assertThat(cipher.seal("hunter2", "calroute/acme/password")).as("fresh nonce each time").isNotEqualTo(sealed);
        assertThat(cipher.open(sealed, "calroute/acme/password")).isEqualTo("hunter2");
    }

    @Test
    void refusesAnotherContextOrAlteredText() {
        SecretCipher cipher = new SecretCipher(Keyring.parse(List.of(K1), Optional.empty()));
        String sealed = cipher.seal("hunter2", "calroute/acme/password");
        assertThatThrownBy(() -> cipher.open(sealed, "calroute/evil/password")).isInstanceOf(SecretUnreadableException.class);
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
        bytes[bytes.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.open("k1:" + Base64.getEncoder().encodeToString(bytes), "calroute/acme/password"))
                .isInstanceOf(SecretUnreadableException.class);
    }

    @Test
    void rotationKeepsOldSecretsReadableAndResealsThemUnderTheNewKey() {
        SecretCipher before = new SecretCipher(Keyring.parse(List.of(K1), Optional.empty()));
        String old = before.seal("hunter2", "ctx");
        SecretCipher after = new SecretCipher(Keyring.parse(List.of(K1, K2), Optional.of("k2")));
        assertThat(after.isUnderActiveKey(old)).isFalse();
        assertThat(after.open(old, "ctx")).isEqualTo("hunter2");
        String resealed = after.reseal(old, "ctx");
        assertThat(SecretCipher.keyIdOf(resealed)).isEqualTo("k2");
        SecretCipher onlyNew = new SecretCipher(Keyring.parse(List.of(K2), Optional.empty()));
        assertThat(onlyNew.open(resealed, "ctx")).isEqualTo("hunter2");
        assertThatThrownBy(() -> onlyNew.open(old, "ctx")).isInstanceOf(SecretUnreadableException.class)
                .hasMessageContaining("k1");
    }

    @Test
    void refusesToStartWithoutAUsableKeyAndSaysHowToFixIt() {
        assertThatThrownBy(() -> Keyring.parse(List.of(), Optional.empty()))
                .isInstanceOf(KeyringException.class).hasMessageContaining("refuses to start").hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> Keyring.parse(List.of("k1:" + Base64.getEncoder().encodeToString(new byte[16])), Optional.empty()))
                .hasMessageContaining("32");
        assertThatThrownBy(() -> Keyring.parse(List.of(K1, K2), Optional.empty())).hasMessageContaining("active-key-id");
        assertThatThrownBy(() -> Keyring.parse(List.of(K1), Optional.of("k9"))).hasMessageContaining("k9");
        assertThatThrownBy(() -> Keyring.parse(List.of("nokeyid"), Optional.empty())).isInstanceOf(KeyringException.class);
    }
}
