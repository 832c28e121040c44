-- The language the member chose at signup: their link is emailed in it, and their patient record
-- opens with it.
alter table eligibility.pending_signup
    add column language text not null default 'en' check (language in ('en', 'es'));
alter table eligibility.enrollment
    add column language text not null default 'en' check (language in ('en', 'es'));
