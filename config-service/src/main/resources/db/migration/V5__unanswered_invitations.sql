-- How an employee's invitations not yet answered count for their calls (AS_SHOWN, TENTATIVE or IGNORE).
alter table enrolled_user add column unanswered_invitations text not null default 'AS_SHOWN';
