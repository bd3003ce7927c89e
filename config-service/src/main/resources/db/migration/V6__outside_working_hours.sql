-- What happens to an employee's calls outside their mailbox's working hours: an action (RING until they choose), with
-- the E.164 number for FORWARD and for nothing else.
alter table enrolled_user add column outside_working_hours_action text not null default 'RING';
alter table enrolled_user add column outside_working_hours_target text;
alter table enrolled_user add constraint outside_working_hours_target_with_forward
    check ((outside_working_hours_action = 'FORWARD') = (outside_working_hours_target is not null));
