package com.calroute.contracts.users;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The login an enrolment is bound to: the token issuer ({@code iss}) and subject ({@code sub}) of the employee's
 * identity provider. Once bound, this, never the token's e-mail, says which enrolment a caller is.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LinkedLogin(String issuer, String subject) {
}
