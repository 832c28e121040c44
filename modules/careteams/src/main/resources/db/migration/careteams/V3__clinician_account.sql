-- The Keycloak account of a clinician the clinic invited through Stride, so leaving the clinic
-- also stops their sign-in. Clinicians set up directly in Keycloak have none recorded.
alter table careteams.clinician add column account_id text;
