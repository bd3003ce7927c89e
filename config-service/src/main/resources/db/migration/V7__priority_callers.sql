-- Whose calls ring through an employee's calendar, automatic replies and working hours: the E.164 numbers they listed
-- (family, key customers; at most 20, each once) and whether colleagues, the mobile numbers enrolled in the same tenant,
-- may too. Existing employees list no one and keep colleagues out: nothing changes until they choose.
alter table enrolled_user add column priority_callers text[] not null default '{}';
alter table enrolled_user add column colleagues_ring_through boolean not null default false;
alter table enrolled_user add constraint priority_callers_at_most_20 check (cardinality(priority_callers) <= 20);
