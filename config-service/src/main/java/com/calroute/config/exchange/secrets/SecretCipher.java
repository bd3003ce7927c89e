package com.calroute.config.exchange.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM encryption of stored secrets. A sealed secret reads {@code <keyId>:<base64(nonce ‖ ciphertext ‖ tag)>},
 * so each ciphertext names the key it needs and keys can rotate. The caller's context (tenant and field) is bound as
 * associated data: a ciphertext copied to another tenant's row or another field does not decrypt.
 */
public final class SecretCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Keyring keyring;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(Keyring keyring) {
        this.keyring = keyring;
    }

    /** Encrypts {@code plaintext} under the active key, bound to {@code context}. */
    public String seal(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keyring.activeKey(), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return keyring.activeKeyId() + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /**
     * Decrypts a sealed secret bound to {@code context}.
     *
     * @throws SecretUnreadableException when the key is gone, the text was altered or belongs to another context
     */
    public String open(String sealed, String context) {
        int colon = sealed.indexOf(':');
        if (colon <= 0) {
            throw new SecretUnreadableException("the stored secret has no key id");
        }
        String keyId = sealed.substring(0, colon);
        byte[] key = keyring.key(keyId).orElseThrow(() -> new SecretUnreadableException(
                "the stored secret was encrypted under key '" + keyId + "', which is no longer configured"));
        byte[] data;
        try {
            data = Base64.getDecoder().decode(sealed.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new SecretUnreadableException("the stored secret is not valid base64");
        }
        if (data.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretUnreadableException("the stored secret is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new SecretUnreadableException("the stored secret failed its integrity check (altered or moved)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** True when {@code sealed} is already encrypted under the active key. */
    public boolean isUnderActiveKey(String sealed) {
        return sealed.startsWith(keyring.activeKeyId() + ":");
    }

    /** The id of the key a sealed secret names. */
    public static String keyIdOf(String sealed) {
        int colon = sealed.indexOf(':');
        return colon > 0 ? sealed.substring(0, colon) : "";
    }

    /** Re-encrypts a sealed secret under the active key (same context). */
    public String reseal(String sealed, String context) {
        return seal(open(sealed, context), context);
    }
}
