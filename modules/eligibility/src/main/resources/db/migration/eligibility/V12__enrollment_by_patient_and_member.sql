-- The FHIR API finds a patient's enrollment (their Coverage, their member id) and a patient by member id
-- (Patient?identifier=) without scanning a clinic's enrollments.
create index enrollment_by_patient on eligibility.enrollment (tenant_id, patient_id);
create index enrollment_by_member on eligibility.enrollment (tenant_id, member_id);
