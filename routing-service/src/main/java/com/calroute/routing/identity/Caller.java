package com.calroute.routing.identity;

import com.calroute.contracts.problem.ProblemTypes;
import com.calroute.routing.problem.ApiException;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller's tenant and e-mail from the bearer token's {@code tenant} and {@code email} claims. */
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

    /** The token's e-mail; a token without one is no employee. */
    public String email() {
        return required("email");
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
