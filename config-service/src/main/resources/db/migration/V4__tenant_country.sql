-- The tenant's country (ISO 3166-1 alpha-2): phone numbers typed without a country code are read in its numbering plan.
alter table tenant add column country varchar(2) not null default 'NO';
