/*
description: Verdict for each quantity claim against the reference quantities whose keyword groups all hit the claim's sentence and whose unit agrees; values within the reference tolerance agree.
grain: one row per quantity claim
columns:
  claim_id: The claim (staging.claims).
  verdict: supported, refuted or not_enough_evidence.
  reference_id: quantity:<quantity_id> of the deciding reference row.
  evidence: The reference figure.
  evidence_source: Publisher and date of the reference row.
  reason: One sentence for a fact-checker.
tests:
  - not_null: claim_id
  - unique: claim_id
  - accepted_values: {column: verdict, values: [supported, refuted, not_enough_evidence, conflicting]}
*/
with

claims as (
    select * from staging.claims where claim_type = 'quantity'
),

quantities as (
    select * from ref.quantities
),

quantity_keywords as (
    select * from ref.quantity_keywords
),

groups_needed as (
    select quantity_id, language, count(distinct group_no) as count_groups
    from quantity_keywords
    group by all
),

hits as (
    select
        claims.claim_id,
        quantity_keywords.quantity_id,
        quantity_keywords.language,
        count(distinct quantity_keywords.group_no) as count_hit_groups,
    from claims
    inner join quantity_keywords
        on quantity_keywords.language = claims.language
        and contains(claims.context_norm, ' ' || quantity_keywords.keyword_norm)
    group by all
),

matched as (
    select
        hits.claim_id,
        quantities.*,
        abs(claims.quantity_value - quantities.value)
            <= greatest(quantities.tolerance, case when claims.is_approximate then 0.1 else 0 end) * quantities.value as is_within,
    from hits
    inner join groups_needed using (quantity_id, language)
    inner join quantities on quantities.quantity_id = hits.quantity_id
    inner join claims on claims.claim_id = hits.claim_id
    where hits.count_hit_groups = groups_needed.count_groups
        and quantities.unit = claims.quantity_unit
),

best as (
    select *
    from matched
    qualify row_number() over (partition by claim_id order by is_within desc, quantity_id) = 1
),

decided as (
    select
        claims.claim_id,
        case
            when best.quantity_id is null then 'not_enough_evidence'
            when best.is_within then 'supported'
            else 'refuted'
        end as verdict,
        case when best.quantity_id is not null then 'quantity:' || best.quantity_id end as reference_id,
        case when best.quantity_id is not null then best.description || ': ' || best.value || ' ' || best.unit end as evidence,
        best.source as evidence_source,
        case
            when best.quantity_id is null
                then 'No reference figure covers what this number counts.'
            when best.is_within
                then 'The reference figure for "' || best.description || '" is ' || best.value || ' ' || best.unit || ', which agrees with ' || claims.quantity_value || '.'
            else 'The reference figure for "' || best.description || '" is ' || best.value || ' ' || best.unit || ', not ' || claims.quantity_value || '.'
        end as reason,
    from claims
    left join best on best.claim_id = claims.claim_id
)

select * from decided
