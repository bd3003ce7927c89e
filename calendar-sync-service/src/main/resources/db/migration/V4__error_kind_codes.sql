-- last_error_kind holds the stable diagnosis code clients translate (contracts DiagnosisCodes), no longer the enum name.
update sync_health set last_error_kind = case last_error_kind
    when 'NOT_CONFIGURED' then 'not-configured'
    when 'PLAIN_HTTP' then 'plain-http'
    when 'BLOCKED_ADDRESS' then 'blocked-address'
    when 'DNS' then 'dns-not-found'
    when 'CONNECT' then 'connection-refused'
    when 'TLS' then 'tls-untrusted'
    when 'AUTH' then 'unauthorized'
    when 'IMPERSONATION' then 'impersonation-denied'
    when 'MAILBOX' then 'mailbox-not-found'
    when 'SERVER_BUSY' then 'throttled'
    when 'UNAVAILABLE' then 'server-unavailable'
    when 'TIMEOUT' then 'timeout'
    when 'UNSAFE_RESPONSE' then 'unsafe-answer'
    when 'MALFORMED_RESPONSE' then 'malformed-answer'
    when 'UNEXPECTED' then 'unexpected-answer'
    else last_error_kind end
where last_error_kind is not null;
