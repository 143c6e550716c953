/*
description: Every claim with the verdict of its type's checker, before publication. Union of the per-type verdict models joined back to the claim and its article.
grain: one row per claim
tests:
  - not_null: claim_id
  - unique: claim_id
*/
with

claims as (
    select * from staging.claims
),

articles as (
    select * from staging.stg_articles
),

treaty_clause_verdicts as (
    select claim_id, verdict, reference_id, evidence, evidence_source, reason from intermediate.treaty_clause_verdicts
),

event_date_verdicts as (
    select claim_id, verdict, reference_id, evidence, evidence_source, reason from intermediate.event_date_verdicts
),

office_holder_verdicts as (
    select claim_id, verdict, reference_id, evidence, evidence_source, reason from intermediate.office_holder_verdicts
),

quote_verdicts as (
    select claim_id, verdict, reference_id, evidence, evidence_source, reason from intermediate.quote_verdicts
),

quantity_verdicts as (
    select claim_id, verdict, reference_id, evidence, evidence_source, reason from intermediate.quantity_verdicts
),

all_verdicts as (
    select * from treaty_clause_verdicts
    union all select * from event_date_verdicts
    union all select * from office_holder_verdicts
    union all select * from quote_verdicts
    union all select * from quantity_verdicts
),

joined as (
    select
        claims.*,
        articles.outlet,
        articles.title as article_title,
        articles.url as article_url,
        coalesce(all_verdicts.verdict, 'not_enough_evidence') as verdict,
        all_verdicts.reference_id,
        all_verdicts.evidence,
        all_verdicts.evidence_source,
        coalesce(all_verdicts.reason, 'No checker handled this claim.') as reason,
    from claims
    left join articles on articles.article_id = claims.article_id
    left join all_verdicts on all_verdicts.claim_id = claims.claim_id
)

select * from joined
