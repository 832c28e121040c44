-- How a patient's care is paid: by themselves, by their insurance (payer and member id as the
-- clinic wrote them) or by one of the clinic's sponsors (sponsor_id, the roster covers them).
-- sponsor_id stays when a patient moves off a sponsor: it names who covered them.
alter table patients.patient
    add column payment         text not null default 'SELF_PAY' check (payment in ('SELF_PAY', 'INSURANCE', 'SPONSOR')),
    add column payer_name      text check (length(payer_name) between 1 and 200),
    add column payer_member_id text check (length(payer_member_id) between 1 and 100);
update patients.patient set payment = 'SPONSOR' where sponsor_id is not null;
alter table patients.patient
    add constraint patient_payment_details check (
        (payment = 'INSURANCE') = (payer_name is not null)
        and (payment = 'INSURANCE' or payer_member_id is null)
        and (payment <> 'SPONSOR' or sponsor_id is not null));
