-- ShedLock's table: a scheduled job that must run once across all Stride instances (the purge of
-- completed event publications) holds its row here while it runs. Not tenant-owned: such jobs work
-- for every clinic and the rows name jobs and hosts only. Times are UTC, written by PostgreSQL's
-- clock, so the nodes' clocks need not agree. The application role gets read and write through the
-- owner's default privileges, like every table.
create table platform.shedlock (
    name       varchar(64)  not null primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);
