-- The tenant's subject codes (MØT:, FER;) and Outlook categories, and what each means, as the tenant-admin defined them:
-- one JSON document {"codes":[{"code","busyType"}],"categories":[{"name","busyType","diverts"}]}, validated by the
-- service and carried whole on calroute.tenants.v1 as itemCodes. Null: none defined (nothing changes for anyone).
alter table tenant add column calendar_codes text;
alter table tenant add constraint calendar_codes_is_json check (calendar_codes is null or calendar_codes::jsonb is not null);
-- Whether a route lookup may tell callers the employee's state and until when ("Kari Nordmann er i møte til 14:00");
-- the employee may turn it off. On for everyone until they do.
alter table enrolled_user add column announcement boolean not null default true;
