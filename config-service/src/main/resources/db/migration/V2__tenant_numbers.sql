-- Numbers belong to tenants: the operator assigns each tenant ranges of E.164 numbers (a single number is a range of one).
-- "numbers" is the range of the numeric values of the digits after '+'; from and to have the same digit count, so ranges of
-- different lengths never meet and the exclusion constraint alone guarantees that no number belongs to two tenants.
create table tenant_number_range (
    id           bigserial   primary key,
    tenant_id    varchar(63) not null references tenant (id),
    first_number varchar(16) not null,
    last_number  varchar(16) not null,
    numbers      int8range   not null generated always as
                     (int8range(cast(substr(first_number, 2) as bigint), cast(substr(last_number, 2) as bigint), '[]')) stored,
    constraint tenant_number_range_same_length check (char_length(first_number) = char_length(last_number)),
    constraint tenant_number_range_no_overlap exclude using gist (numbers with &&)
);
create index tenant_number_range_tenant on tenant_number_range (tenant_id);

-- Ids of deleted tenants: never given out again, so a former tenant-admin's token (it carries the id) reaches no one.
create table retired_tenant_id (
    id         varchar(63) primary key,
    retired_at timestamptz not null
);

-- The operator may allow a tenant's employees to forward calls abroad; by default they may not.
alter table tenant add column forward_international boolean not null default false;

-- Existing data: every tenant holds its users' mobile numbers and its switchboard. Users' numbers are claimed first (they
-- are already unique and routed by); a switchboard another tenant already holds stays unassigned, the tenant row keeps it,
-- and the operator resolves it (README: "Numbers after the upgrade"). Nothing is deleted.
do $$
declare
    claim record;
begin
    for claim in
        select tenant_id, mobile_number as number, 1 as priority, created_at, cast(id as text) as tie from enrolled_user
        union all
        select id, switchboard_number, 2, created_at, id from tenant
        order by priority, created_at, tie
    loop
        if exists (select 1 from tenant_number_range
                   where numbers @> cast(substr(claim.number, 2) as bigint)) then
            if not exists (select 1 from tenant_number_range
                           where tenant_id = claim.tenant_id and numbers @> cast(substr(claim.number, 2) as bigint)) then
                raise warning 'number % of tenant % is already held by another tenant; left unassigned',
                    claim.number, claim.tenant_id;
            end if;
        else
            insert into tenant_number_range (tenant_id, first_number, last_number)
            values (claim.tenant_id, claim.number, claim.number);
        end if;
    end loop;
end
$$;
