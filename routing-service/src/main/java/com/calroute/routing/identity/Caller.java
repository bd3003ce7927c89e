package com.calroute.routing.identity;

import com.calroute.contracts.problem.ProblemTypes;
import com.calroute.contracts.users.LinkedLogin;
import com.calroute.routing.problem.ApiException;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller's tenant and login from the bearer token's {@code tenant}, {@code iss} and {@code sub} claims. An
 * employee is whoever's enrolment is bound to that login (config-service binds it at the first sign-in with the
 * verified enrolled e-mail); the token's e-mail plays no part here.
 */
@RequestScoped
public class Caller {

    private final JsonWebToken token;

    Caller(JsonWebToken token) {
        this.token = token;
    }

    /** The token's tenant; a token without one may not act on tenant data. */
    public String tenant() {
        return required("tenant");
    }

    /** The token's login (issuer and subject); a token without them is no employee. */
    public LinkedLogin login() {
        return new LinkedLogin(required("iss"), required("sub"));
    }

    private String required(String claim) {
        Object value = token.getClaim(claim);
        String text = value == null ? null : value.toString().replace("\"", "");
        if (text == null || text.isBlank()) {
            throw new ApiException(403, ProblemTypes.FORBIDDEN, "Forbidden", "The token has no " + claim + " claim.");
        }
        return text;
    }
}
