-- A plan version's description is kept as message codes with their arguments (JSON phrases), so the
-- chart shows it in the reader's language. Versions saved before keep their English words, shown as
-- they were written. The owner fills them in for every clinic at once, so row-level security is not
-- forced on it for that one statement.
alter table programs.plan_version add column changes jsonb;
alter table programs.plan_version no force row level security;
update programs.plan_version
set changes = jsonb_build_array(jsonb_build_object('code', 'programs.plan.change.text',
    'arguments', jsonb_build_array(summary), 'parts', jsonb_build_array()));
alter table programs.plan_version force row level security;
alter table programs.plan_version alter column changes set not null;
alter table programs.plan_version drop column summary;
