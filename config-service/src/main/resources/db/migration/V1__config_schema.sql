-- Tenants: the operator-chosen slug is the key; version rises on every change and is the calroute.tenants.v1 version.
-- connection_kind/connection_version mirror the connection so the row alone is the tenants.v1 message.
create table tenant (
    id                 varchar(63)  primary key,
    name               varchar(200) not null,
    switchboard_number varchar(16)  not null,
    time_zone          varchar(64)  not null,
    subject_sharing    boolean      not null,
    connection_kind    varchar(8)   check (connection_kind in ('EWS', 'GRAPH')),
    connection_version bigint       not null default 0,
    version            bigint       not null check (version >= 1),
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null
);

-- One Exchange connection per tenant. *_sealed columns hold AES-GCM ciphertext prefixed by its key id, never plaintext.
create table exchange_connection (
    tenant_id                 varchar(63)   primary key references tenant (id),
    kind                      varchar(8)    not null check (kind in ('EWS', 'GRAPH')),
    ews_url                   varchar(2048),
    username                  varchar(256),
    password_sealed           text,
    domain                    varchar(253),
    exchange_version          varchar(32),
    entra_tenant_id           varchar(253),
    client_id                 varchar(64),
    client_secret_sealed      text,
    client_certificate_sealed text,
    graph_base_url            varchar(2048),
    login_base_url            varchar(2048),
    ca_certificate_pem        text,
    updated_at                timestamptz   not null
);

-- Enrolled users. E-mail is unique per tenant (stored lower-case); a mobile number belongs to one user across all tenants.
create table enrolled_user (
    id              uuid         primary key,
    tenant_id       varchar(63)  not null references tenant (id),
    email           varchar(254) not null,
    mobile_number   varchar(16)  not null,
    display_name    varchar(200),
    sync_enabled    boolean      not null,
    status_settings text         not null,
    version         bigint       not null check (version >= 1),
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null,
    constraint enrolled_user_email_per_tenant unique (tenant_id, email),
    constraint enrolled_user_mobile_number unique (mobile_number)
);
create index enrolled_user_tenant_email on enrolled_user (tenant_id, email);

-- Transactional outbox: written in the same transaction as the change, published by the relay in id order.
-- A null payload is a tombstone.
create table outbox_record (
    id          bigserial    primary key,
    topic       varchar(100) not null,
    message_key varchar(200) not null,
    payload     text,
    created_at  timestamptz  not null,
    sent_at     timestamptz
);
create index outbox_record_unsent on outbox_record (id) where sent_at is null;

-- Live connection checks, for the per-tenant rate limit across replicas.
create table connection_test_attempt (
    id           bigserial   primary key,
    tenant_id    varchar(63) not null,
    attempted_at timestamptz not null
);
create index connection_test_attempt_tenant on connection_test_attempt (tenant_id, attempted_at);

-- Audit log: who, what, target, result, when. Never secrets.
create table audit_entry (
    id          bigserial    primary key,
    occurred_at timestamptz  not null,
    subject     varchar(500) not null,
    tenant_id   varchar(500),
    roles       varchar(500) not null,
    action      varchar(500) not null,
    target      varchar(500) not null,
    result      varchar(40)  not null,
    detail      varchar(500)
);
create index audit_entry_tenant on audit_entry (tenant_id, occurred_at);
