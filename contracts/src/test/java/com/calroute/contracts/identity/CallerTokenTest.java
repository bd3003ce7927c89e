package com.calroute.contracts.identity;

import com.calroute.contracts.problem.ApiException;
import com.calroute.contracts.users.LinkedLogin;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallerTokenTest {

    private static CallerToken token(Map<String, Object> claims, String... roles) {
        return new CallerToken(claims::get, Set.of(roles)::contains);
    }

    @Test
    void readsAJsonStringClaimsContentNotItsJsonText() {
        // A JSON string's toString() is its JSON text, quotes and escapes included; stripping quotes off that text
        // (what two services did) turns "a\"b" into a\b.
        CallerToken caller = token(Map.of("tenant", Json.createValue(" acme\"north ")));

        assertThat(caller.tenant()).contains("acme\"north");
        assertThat(caller.ownTenant()).isEqualTo("acme\"north");
    }

    @Test
    void readsPlainStringClaims() {
        CallerToken caller = token(Map.of("tenant", "acme", "iss", "https://idp/realms/calroute", "sub", "u-1"));

        assertThat(caller.ownTenant()).isEqualTo("acme");
        assertThat(caller.login()).isEqualTo(new LinkedLogin("https://idp/realms/calroute", "u-1"));
    }

    @Test
    void aMissingOrBlankTenantIsForbidden() {
        for (CallerToken caller : new CallerToken[] {token(Map.of()), token(Map.of("tenant", Json.createValue("  ")))}) {
            assertThat(caller.tenant()).isEmpty();
            assertThatThrownBy(caller::ownTenant).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.status()).isEqualTo(403));
        }
    }

    @Test
    void aTokenWithoutIssuerOrSubjectIsNoEmployee() {
        Map<String, Object> claims = new HashMap<>(Map.of("iss", "https://idp"));
        assertThatThrownBy(() -> token(claims).login()).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void anotherTenantLooksLikeAnUnknownOne() {
        CallerToken admin = token(Map.of("tenant", "acme"), Roles.TENANT_ADMIN);

        admin.requireOwnTenant("acme");
        admin.requireTenantAccess("acme");
        assertThatThrownBy(() -> admin.requireTenantAccess("globex")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> admin.requireOwnTenant("globex")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void operatorsReachEveryTenantButOwnNone() {
        CallerToken operator = token(Map.of(), Roles.OPERATOR);

        operator.requireTenantAccess("globex");
        assertThatThrownBy(() -> operator.requireOwnTenant("globex")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(403));
    }
}
