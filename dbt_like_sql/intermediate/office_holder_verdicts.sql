/*
description: Verdict for each office_holder claim, checked at the article's publication date against the validity intervals of office holdings.
grain: one row per office_holder claim
columns:
  claim_id: The claim (staging.claims).
  verdict: supported, refuted or not_enough_evidence.
  reference_id: holding:<holding_id> of the deciding holding.
  evidence: Who held the office, and when.
  evidence_source: Publisher and date of the holding row.
  reason: One sentence for a fact-checker.
tests:
  - not_null: claim_id
  - unique: claim_id
  - accepted_values: {column: verdict, values: [supported, refuted, not_enough_evidence, conflicting]}
*/
with

claims as (
    select * from staging.claims where claim_type = 'office_holder'
),

holdings as (
    select * from ref.office_holdings
),

offices as (
    select * from ref.offices
),

entities as (
    select * from ref.entities
),

candidates as (
    select claim_id, trim(unnest(string_split(office_candidates, ','))) as office_id
    from claims
    where office_candidates is not null
),

holding_facts as (
    select
        candidates.claim_id,
        holdings.*,
        holdings.person_id = claims.person_id as is_same_person,
        claims.published_on between holdings.start_on and coalesce(holdings.end_on, date '9999-12-31') as is_on_date,
    from candidates
    inner join claims on claims.claim_id = candidates.claim_id
    inner join holdings on holdings.office_id = candidates.office_id
),

best as (
    -- The person holding it on the date decides; else whoever held it then; else the person's own term.
    select *
    from holding_facts
    where is_on_date or is_same_person
    qualify row_number() over (
        partition by claim_id
        order by (is_same_person and is_on_date) desc, is_on_date desc, start_on desc
    ) = 1
),

decided as (
    select
        claims.claim_id,
        case
            when claims.person_id is null or claims.office_candidates is null or claims.published_on is null then 'not_enough_evidence'
            when best.holding_id is null then 'not_enough_evidence'
            when best.is_same_person and best.is_on_date then 'supported'
            else 'refuted'
        end as verdict,
        case when claims.person_id is not null and claims.published_on is not null then 'holding:' || best.holding_id end as reference_id,
        case when best.holding_id is not null and claims.person_id is not null
            then holder.name || ' — ' || offices.name || ', ' || strftime(best.start_on, '%Y-%m-%d') || ' to ' || coalesce(strftime(best.end_on, '%Y-%m-%d'), 'present')
        end as evidence,
        case when claims.person_id is not null then best.source end as evidence_source,
        case
            when claims.person_id is null
                then claims.person_text || ' is not in the reference pack, so the title "' || claims.title_text || '" cannot be checked.'
            when claims.office_candidates is null
                then 'The title "' || claims.title_text || '" is not an office in the reference pack.'
            when claims.published_on is null
                then 'The article has no publication date to check the office against.'
            when best.holding_id is null
                then 'The reference pack records no holder of this office around ' || strftime(claims.published_on, '%Y-%m-%d') || '.'
            when best.is_same_person and best.is_on_date
                then person.name || ' held the office of ' || offices.name || ' on ' || strftime(claims.published_on, '%Y-%m-%d') || ' (since ' || strftime(best.start_on, '%Y-%m-%d') || ').'
            when best.is_on_date
                then 'On ' || strftime(claims.published_on, '%Y-%m-%d') || ' the office of ' || offices.name || ' was held by ' || holder.name || ', not ' || person.name || '.'
            else person.name || ' held the office of ' || offices.name || ' from ' || strftime(best.start_on, '%Y-%m-%d') || ' to ' || coalesce(strftime(best.end_on, '%Y-%m-%d'), 'present') || ', not on ' || strftime(claims.published_on, '%Y-%m-%d') || '.'
        end as reason,
    from claims
    left join best on best.claim_id = claims.claim_id
    left join offices on offices.office_id = best.office_id
    left join entities as holder on holder.entity_id = best.person_id
    left join entities as person on person.entity_id = claims.person_id
)

select * from decided
