-- The login (token issuer + subject) an enrolment is bound to. Null until the employee's first sign-in with a
-- verified e-mail equal to the enrolled one; from then on the binding, never the e-mail alone, says who is who.
-- Existing enrolments start unbound and are claimed at their employee's next sign-in.
alter table enrolled_user add column login_issuer varchar(500);
alter table enrolled_user add column login_subject varchar(255);
alter table enrolled_user add column login_linked_at timestamptz;
alter table enrolled_user add constraint enrolled_user_login_complete
    check ((login_issuer is null) = (login_subject is null) and (login_issuer is null) = (login_linked_at is null));
-- One login is one employee: it cannot be bound to two enrolments of a tenant.
alter table enrolled_user add constraint enrolled_user_login_per_tenant unique (tenant_id, login_issuer, login_subject);
