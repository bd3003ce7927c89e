package com.calroute.routing.identity;

import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shortcut reads a bearer token exactly as quarkus-oidc's bearer mechanism does, and only where quarkus-oidc reads
 * plain bearer tokens from the {@code Authorization} header.
 */
class TrustedTokenMechanismTest {

    @Test
    void theTokenIsEverythingAfterTheFirstSpaceOfABearerHeader() {
        assertThat(TrustedTokenMechanism.bearerToken("Bearer abc.def.ghi")).isEqualTo("abc.def.ghi");
        assertThat(TrustedTokenMechanism.bearerToken("bearer abc.def.ghi")).isEqualTo("abc.def.ghi");
        assertThat(TrustedTokenMechanism.bearerToken("BEARER abc.def.ghi")).isEqualTo("abc.def.ghi");
        // Not trimmed, as quarkus-oidc does not trim it: a different text, so a different token.
        assertThat(TrustedTokenMechanism.bearerToken("Bearer  abc.def.ghi")).isEqualTo(" abc.def.ghi");
        assertThat(TrustedTokenMechanism.bearerToken("Bearer abc def")).isEqualTo("abc def");
        assertThat(TrustedTokenMechanism.bearerToken("Bearer ")).isEmpty();
    }

    @Test
    void anythingButTheBearerSchemeCarriesNoToken() {
        assertThat(TrustedTokenMechanism.bearerToken(null)).isNull();
        assertThat(TrustedTokenMechanism.bearerToken("")).isNull();
        assertThat(TrustedTokenMechanism.bearerToken("Bearer")).isNull();
        assertThat(TrustedTokenMechanism.bearerToken("abc.def.ghi")).isNull();
        assertThat(TrustedTokenMechanism.bearerToken(" Bearer abc")).isNull();
        assertThat(TrustedTokenMechanism.bearerToken("Basic abc")).isNull();
        assertThat(TrustedTokenMechanism.bearerToken("DPoP abc")).isNull();
        assertThat(TrustedTokenMechanism.bearerToken("Bearerx abc")).isNull();
        assertThat(TrustedTokenMechanism.bearerToken("Beare abc")).isNull();
    }

    @Test
    void appliesToAServiceTakingPlainBearerTokensFromTheAuthorizationHeader() {
        assertThat(TrustedTokenMechanism.readsTokensLikeThisMechanism(OidcTenantConfig.builder().build())).isTrue();
        assertThat(TrustedTokenMechanism.readsTokensLikeThisMechanism(
                OidcTenantConfig.builder().applicationType(ApplicationType.SERVICE).build())).isTrue();
    }

    @Test
    void standsAsideWhereQuarkusOidcReadsTokensOtherwise() {
        assertThat(TrustedTokenMechanism.readsTokensLikeThisMechanism(null)).isFalse();
        assertThat(TrustedTokenMechanism.readsTokensLikeThisMechanism(
                OidcTenantConfig.builder().tenantEnabled(false).build())).isFalse();
        assertThat(TrustedTokenMechanism.readsTokensLikeThisMechanism(
                OidcTenantConfig.builder().applicationType(ApplicationType.WEB_APP).build())).isFalse();
        assertThat(TrustedTokenMechanism.readsTokensLikeThisMechanism(
                OidcTenantConfig.builder().applicationType(ApplicationType.HYBRID).build())).isFalse();
        assertThat(TrustedTokenMechanism.readsTokensLikeThisMechanism(
                OidcTenantConfig.builder().token().header("X-Token").end().build())).isFalse();
        assertThat(TrustedTokenMechanism.readsTokensLikeThisMechanism(
                OidcTenantConfig.builder().token().authorizationScheme("DPoP").end().build())).isFalse();
        assertThat(TrustedTokenMechanism.readsTokensLikeThisMechanism(
                OidcTenantConfig.builder().token().binding().certificate().end().end().build())).isFalse();
    }
}
