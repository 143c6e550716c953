/*
description: Verdict for each quantity claim against the reference quantities whose keyword groups all hit the claim's sentence and whose unit agrees, unless one of the figure's exclusion words is in the number's own clause or that clause says the counted things are another party's (party_norm names none of the figure's keywords); values within the reference tolerance agree. A bounded figure (quantity_bound) is checked as its bound - a floor (min - at least, не менее) agrees with any figure at least it, a ceiling (max - up to, bis zu, до) with a figure at most it that it does not overstate by more than an approximate figure may (up to 50,000 against 12,000 is refuted), a range (range - between 11,000 and 13,000, quantity_value to quantity_value_high) with a figure between its ends. Reasons print figures as people write them (12,000). A figure every keyword group of which is in the number's own clause is the one judged, agreeing or not; otherwise an agreeing figure wins. A figure the sentence denies (is_negated, a negation or denial word in its clause) is not_enough_evidence, never refuted. A sentence that continues the one before (subject_norm - "Er umfasst 23 Artikel." after a sentence on the treaty) is matched with that text as part of it. Incremental - only claims that are new or whose evidence fingerprint changed (intermediate.claim_fingerprints) are verified again.
materialization: incremental
unique_key: claim_id
grain: one row per quantity claim
columns:
  claim_id: The claim (staging.claims).
  verdict: supported, refuted or not_enough_evidence.
  reference_id: quantity:<quantity_id> of the deciding reference row.
  evidence: The reference figure.
  evidence_source: Publisher and date of the reference row.
  reason: One sentence for a fact-checker.
  evidence_fingerprint: Fingerprint of the reference rows the verdict was computed from.
  reference_version: Pack and content hash (name:hash) of the deciding row; all loaded packs when no row decided.
  verified_at: When this verdict was computed (UTC).
tests:
  - not_null: claim_id
  - unique: claim_id
  - accepted_values: {column: verdict, values: [supported, refuted, not_enough_evidence, conflicting]}
*/
with

claim_fingerprints as (
    select * from intermediate.claim_fingerprints where claim_type = 'quantity'
),

{% if is_incremental() %}
work_set as (
    -- New claims, and claims whose evidence changed since their verdict was computed.
    select claim_fingerprints.*
    from claim_fingerprints
    left join {{ this }} as verified
        on verified.claim_id = claim_fingerprints.claim_id
        and verified.evidence_fingerprint = claim_fingerprints.evidence_fingerprint
    where verified.claim_id is null
),
{% else %}
work_set as (
    select * from claim_fingerprints
),
{% endif %}

claims as (
    -- A sentence that continues the one before (subject_norm - an answer to a question, or a
    -- pronoun or anaphor for what was named before: "Er umfasst 23 Artikel.") is read with the
    -- text its subject comes from.
    select
        staging_claims.* replace (
            staging_claims.context_norm || coalesce(staging_claims.subject_norm, '') as context_norm,
            coalesce(staging_claims.context_wide_norm, staging_claims.context_norm) || coalesce(staging_claims.subject_norm, '') as context_wide_norm
        ),
        work_set.evidence_fingerprint,
    from staging.claims as staging_claims
    inner join work_set
        on work_set.claim_id = staging_claims.claim_id
        {% if is_incremental() %}
        -- The claim's current version (claim_fingerprints carries it): new claims sit in the
        -- last row groups, so the scan skips the long strings of earlier refreshes.
        and work_set.extracted_at = staging_claims.extracted_at
        {% endif %}
),

packs as (
    select * from ref.packs
),

all_versions as (
    select string_agg(reference_version, ',' order by pack_name) as reference_versions from packs
),

quantities as (
    select * from ref.quantities
),

quantity_keywords as (
    select * from ref.quantity_keywords where not is_exclusion
),

excluded as (
    -- Figures ruled out by a word of the number's own clause (exclude_keywords: 'sent' is not
    -- 'killed'): the segment, so a second number's clause in the sentence does not rule it out.
    select distinct
        claims.claim_id,
        exclusions.quantity_id,
    from claims
    inner join ref.quantity_keywords as exclusions
        on exclusions.is_exclusion
        and exclusions.language = claims.language
        and contains(claims.segment_norm, ' ' || exclusions.keyword_norm)
),

other_parties as (
    -- Figures about another party: the number's own clause says whose the counted things are
    -- (party_norm: a nationality next to the counted noun, the subject of the clause, a treaty
    -- the pack does not hold) and names none of the figure's keywords ("Kyiv kept about 60,000
    -- troops", "50 mil soldados ucranianos" are not North Korea's troops, however close North
    -- Korea is named; "The Treaty of Rome has 14 articles" are not NATO's).
    select
        claims.claim_id,
        quantity_keywords.quantity_id,
    from claims
    inner join quantity_keywords on quantity_keywords.language = claims.language
    where claims.party_norm is not null
    group by claims.claim_id, quantity_keywords.quantity_id
    having not bool_or(contains(claims.party_norm, ' ' || quantity_keywords.keyword_norm))
),

groups_needed as (
    select quantity_id, language, count(distinct group_no) as count_groups
    from quantity_keywords
    group by all
),

sentence_keywords as (
    -- Keyword groups of each figure of the claim's unit found in the claim's own sentence
    -- (matched needs that unit).
    select distinct
        claims.claim_id,
        quantity_keywords.quantity_id,
        quantity_keywords.language,
        quantity_keywords.group_no,
    from claims
    inner join quantities on quantities.unit = claims.quantity_unit
    inner join quantity_keywords
        on quantity_keywords.quantity_id = quantities.quantity_id
        and quantity_keywords.language = claims.language
        and contains(claims.context_norm, ' ' || quantity_keywords.keyword_norm)
),

sentence_figures as (
    -- Figures that can still match: every match needs all of the figure's keyword groups but
    -- one (and at least one) in the sentence (see matched). Only these are looked for in the
    -- much longer wider context.
    select
        sentence_keywords.claim_id,
        sentence_keywords.quantity_id,
        sentence_keywords.language,
    from sentence_keywords
    inner join groups_needed
        on groups_needed.quantity_id = sentence_keywords.quantity_id
        and groups_needed.language = sentence_keywords.language
    group by
        sentence_keywords.claim_id,
        sentence_keywords.quantity_id,
        sentence_keywords.language,
        groups_needed.count_groups
    having count(distinct sentence_keywords.group_no) >= greatest(1, groups_needed.count_groups - 1)
),

hits as (
    select
        claims.claim_id,
        quantity_keywords.quantity_id,
        quantity_keywords.language,
        count(distinct quantity_keywords.group_no) filter (where contains(claims.segment_norm, ' ' || quantity_keywords.keyword_norm)) as count_clause_groups,
        count(distinct quantity_keywords.group_no) filter (where contains(claims.context_norm, ' ' || quantity_keywords.keyword_norm)) as count_hit_groups,
        count(distinct quantity_keywords.group_no) as count_wide_groups,
    from sentence_figures
    inner join claims on claims.claim_id = sentence_figures.claim_id
    inner join quantity_keywords
        on quantity_keywords.quantity_id = sentence_figures.quantity_id
        and quantity_keywords.language = sentence_figures.language
        and contains(coalesce(claims.context_wide_norm, claims.context_norm), ' ' || quantity_keywords.keyword_norm)
    group by all
),

matched as (
    -- Every keyword group in the sentence, or in the wider context with at most one group
    -- only there. A floor ("more than", "не менее") holds when the figure is at least it; a
    -- ceiling ("up to", "bis zu", "до") when the figure is at most it and the ceiling is no
    -- further above it than an approximate figure may be ("up to 50,000" against 12,000 says
    -- far more than the figure); a range when the figure falls between its ends.
    select
        hits.claim_id,
        quantities.*,
        case claims.quantity_bound
            when 'min' then quantities.value >= claims.quantity_value * (1 - quantities.tolerance)
            when 'max'
                then
                    quantities.value <= claims.quantity_value * (1 + quantities.tolerance)
                    and claims.quantity_value <= quantities.value * (1 + greatest(quantities.tolerance, 0.1))
            when 'range'
                then
                    quantities.value >= claims.quantity_value * (1 - quantities.tolerance)
                    and quantities.value <= claims.quantity_value_high * (1 + quantities.tolerance)
            else
                abs(claims.quantity_value - quantities.value)
                <= greatest(quantities.tolerance, case when claims.is_approximate then 0.1 else 0 end) * quantities.value
        end as is_within,
        case when hits.count_hit_groups = groups_needed.count_groups then 1 else 2 end as match_tier,
        hits.count_clause_groups = groups_needed.count_groups as is_named_in_clause,
    from hits
    inner join groups_needed using (quantity_id, language)
    inner join quantities on quantities.quantity_id = hits.quantity_id
    inner join claims on claims.claim_id = hits.claim_id
    anti join excluded
        on excluded.claim_id = hits.claim_id
        and excluded.quantity_id = hits.quantity_id
    anti join other_parties
        on other_parties.claim_id = hits.claim_id
        and other_parties.quantity_id = hits.quantity_id
    where
        quantities.unit = claims.quantity_unit
        and (
            hits.count_hit_groups = groups_needed.count_groups
            or (hits.count_wide_groups = groups_needed.count_groups and hits.count_hit_groups >= greatest(1, groups_needed.count_groups - 1))
        )
),

best as (
    -- A figure the number's own clause names in full (every keyword group) is the one it is
    -- judged against, agreeing or not: "The Russia–DPRK treaty has 14 articles" after a
    -- sentence on the North Atlantic Treaty is that treaty's count, not NATO's 14. Otherwise
    -- an agreeing figure wins ("It has 23 articles, against the 14 of the North Atlantic
    -- Treaty" names NATO only in the other number's clause).
    select *
    from matched
    qualify row_number() over (partition by claim_id order by is_named_in_clause desc, is_within desc, match_tier, quantity_id) = 1
),

figures as (
    -- Numbers as people write them in the reason (12,000, not 12000.0), and the claimed
    -- figure with its bound ("up to 50,000", "11,000 to 13,000").
    select
        claims.claim_id,
        claims.is_negated,
        claims.evidence_fingerprint,
        best.quantity_id,
        best.is_within,
        best.description,
        best.unit,
        best.source,
        best.pack_name,
        claims.quantity_bound,
        case
            when best.value = round(best.value) then format('{:,}', cast(best.value as bigint)) else cast(best.value as varchar)
        end as reference_figure,
        case
            when claims.quantity_value = round(claims.quantity_value) then format('{:,}', cast(claims.quantity_value as bigint))
            else cast(claims.quantity_value as varchar)
        end as claimed_figure,
        case
            when claims.quantity_value_high = round(claims.quantity_value_high) then format('{:,}', cast(claims.quantity_value_high as bigint))
            else cast(claims.quantity_value_high as varchar)
        end as claimed_high,
        best.value > claims.quantity_value as is_above,
    from claims
    left join best on best.claim_id = claims.claim_id
),

decided as (
    -- A denied figure ("did not send 100,000 troops", "the figure of 50,000 is made up":
    -- is_negated) is not what the text claims, so it is neither supported nor refuted; the
    -- reason still gives the reference figure.
    select
        figures.claim_id,
        case
            when figures.quantity_id is null or figures.is_negated then 'not_enough_evidence'
            when figures.is_within then 'supported'
            else 'refuted'
        end as verdict,
        case when figures.quantity_id is not null and not figures.is_negated then 'quantity:' || figures.quantity_id end as reference_id,
        case when figures.quantity_id is not null and not figures.is_negated then figures.description || ': ' || figures.reference_figure || ' ' || figures.unit end as evidence,
        case when not figures.is_negated then figures.source end as evidence_source,
        case
            when figures.quantity_id is null
                then 'No reference figure covers what this number counts.'
            when figures.is_negated
                then 'The sentence denies the figure of ' || figures.claimed_figure || ' rather than stating it, so it is not checked; the reference figure for "' || figures.description || '" is ' || figures.reference_figure || ' ' || figures.unit || '.'
            when figures.quantity_bound = 'range'
                then
                    'The reference figure for "' || figures.description || '" is ' || figures.reference_figure || ' ' || figures.unit || ', '
                    || case when figures.is_within then 'within' else 'outside' end || ' the range of ' || figures.claimed_figure || ' to ' || figures.claimed_high || '.'
            when figures.quantity_bound = 'min'
                then
                    'The reference figure for "' || figures.description || '" is ' || figures.reference_figure || ' ' || figures.unit || ', '
                    || case when figures.is_within then 'which agrees with at least ' else 'below the floor of ' end || figures.claimed_figure || '.'
            when figures.quantity_bound = 'max' and not figures.is_within and not figures.is_above
                then
                    'The reference figure for "' || figures.description || '" is ' || figures.reference_figure || ' ' || figures.unit
                    || ', far below the ceiling of ' || figures.claimed_figure || ', which overstates it.'
            when figures.quantity_bound = 'max'
                then
                    'The reference figure for "' || figures.description || '" is ' || figures.reference_figure || ' ' || figures.unit || ', '
                    || case when figures.is_within then 'which agrees with up to ' else 'above the ceiling of ' end || figures.claimed_figure || '.'
            when figures.is_within
                then 'The reference figure for "' || figures.description || '" is ' || figures.reference_figure || ' ' || figures.unit || ', which agrees with ' || figures.claimed_figure || '.'
            else 'The reference figure for "' || figures.description || '" is ' || figures.reference_figure || ' ' || figures.unit || ', not ' || figures.claimed_figure || '.'
        end as reason,
        figures.evidence_fingerprint,
        coalesce(packs.reference_version, all_versions.reference_versions) as reference_version,
        cast(current_timestamp at time zone 'UTC' as timestamp) as verified_at,
    from figures
    cross join all_versions
    left join packs on packs.pack_name = figures.pack_name
)

select * from decided
