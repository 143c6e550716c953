/*
description: Every claim with the verdict of its type's checker, before publication. Union of the per-type verdict models joined back to the claim and its article (a treaty_clause claim takes the treaty its verdict was about when the text names none), with the closest prior fact-check (staging.fact_check_matches) linked and cited in the reason. A view - marts.claim_verdicts is the one table its rows are written to (on an incremental run, only the changed ones), so the claims' long context strings are never copied.
grain: one row per claim
materialization: view
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
    select claim_id, verdict, reference_id, evidence, evidence_source, reason, evidence_fingerprint, reference_version, verified_at from intermediate.treaty_clause_verdicts
),

treaty_clause_treaties as (
    -- The treaty a clause claim's verdict is about, when the text names none but its
    -- description fits one treaty of the pack alone.
    select claim_id, treaty_id from intermediate.treaty_clause_verdicts where treaty_id is not null
),

event_date_verdicts as (
    select claim_id, verdict, reference_id, evidence, evidence_source, reason, evidence_fingerprint, reference_version, verified_at from intermediate.event_date_verdicts
),

office_holder_verdicts as (
    select claim_id, verdict, reference_id, evidence, evidence_source, reason, evidence_fingerprint, reference_version, verified_at from intermediate.office_holder_verdicts
),

quote_verdicts as (
    select claim_id, verdict, reference_id, evidence, evidence_source, reason, evidence_fingerprint, reference_version, verified_at from intermediate.quote_verdicts
),

quantity_verdicts as (
    select claim_id, verdict, reference_id, evidence, evidence_source, reason, evidence_fingerprint, reference_version, verified_at from intermediate.quantity_verdicts
),

fact_checks as (
    select * from ref.fact_checks
),

fact_check_matches as (
    select * from staging.fact_check_matches
),

prior_fact_checks as (
    -- The closest prior fact-check per claim; the most recent wins a tie.
    select
        fact_check_matches.claim_id,
        fact_check_matches.match_kind as prior_fact_check_match,
        fact_check_matches.score as prior_fact_check_score,
        fact_checks.fact_check_id as prior_fact_check_id,
        fact_checks.url as prior_fact_check_url,
        fact_checks.rating as prior_fact_check_rating,
        fact_checks.verdict as prior_fact_check_verdict,
        fact_checks.publisher as prior_fact_check_publisher,
        fact_checks.reviewed_on as prior_fact_check_reviewed_on,
    from fact_check_matches
    inner join fact_checks on fact_checks.fact_check_id = fact_check_matches.fact_check_id
    qualify row_number() over (
        partition by fact_check_matches.claim_id
        order by fact_check_matches.score desc, fact_checks.reviewed_on desc nulls last, fact_checks.fact_check_id
    ) = 1
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
        claims.* replace (coalesce(claims.treaty_id, treaty_clause_treaties.treaty_id) as treaty_id),
        articles.outlet,
        articles.title as article_title,
        articles.url as article_url,
        coalesce(all_verdicts.verdict, 'not_enough_evidence') as verdict,
        all_verdicts.reference_id,
        all_verdicts.evidence,
        all_verdicts.evidence_source,
        coalesce(all_verdicts.reason, 'No checker handled this claim.')
        || case
            when prior_fact_checks.prior_fact_check_id is not null
                then
                    ' A prior fact-check by ' || prior_fact_checks.prior_fact_check_publisher
                    || coalesce(' (' || strftime(prior_fact_checks.prior_fact_check_reviewed_on, '%Y-%m-%d') || ')', '')
                    || ' rated a matching claim "' || prior_fact_checks.prior_fact_check_rating || '"'
                    || coalesce(': ' || prior_fact_checks.prior_fact_check_url, '') || '.'
            else ''
        end as reason,
        all_verdicts.evidence_fingerprint,
        all_verdicts.reference_version,
        all_verdicts.verified_at,
        prior_fact_checks.prior_fact_check_id,
        prior_fact_checks.prior_fact_check_url,
        prior_fact_checks.prior_fact_check_rating,
        prior_fact_checks.prior_fact_check_verdict,
        prior_fact_checks.prior_fact_check_publisher,
        prior_fact_checks.prior_fact_check_match,
    from claims
    left join articles on articles.article_id = claims.article_id
    left join all_verdicts on all_verdicts.claim_id = claims.claim_id
    left join treaty_clause_treaties on treaty_clause_treaties.claim_id = claims.claim_id
    left join prior_fact_checks on prior_fact_checks.claim_id = claims.claim_id
)

select * from joined
