/*
description: Verdict for each treaty_clause claim. The claim's words are matched against the keyword groups of every clause element (trigger, obligation, timing, means, legal basis) of every article of the resolved treaty; the claimed article must carry the described content. Incremental - only claims that are new or whose evidence fingerprint changed (intermediate.claim_fingerprints) are verified again.
materialization: incremental
unique_key: claim_id
grain: one row per treaty_clause claim
columns:
  claim_id: The claim (staging.claims).
  verdict: supported, refuted, conflicting or not_enough_evidence.
  reference_id: treaty:<treaty_id>:art<article_no> of the deciding article.
  evidence: The article's content as the reference pack summarises it.
  evidence_source: Publisher and date of the reference text.
  matched_elements: Clause elements of the claimed article found in the claim.
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
    select * from intermediate.claim_fingerprints where claim_type = 'treaty_clause'
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
    select staging_claims.*, work_set.evidence_fingerprint
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

treaties as (
    select * from ref.treaties
),

treaty_articles as (
    select * from ref.treaty_articles
),

clause_elements as (
    select * from ref.clause_elements
),

groups_needed as (
    select treaty_id, article_no, element, language, count(distinct group_no) as count_groups
    from clause_elements
    group by all
),

element_hits as (
    select
        claims.claim_id,
        clause_elements.treaty_id,
        clause_elements.article_no,
        clause_elements.element,
        clause_elements.language,
        count(distinct clause_elements.group_no) as count_hit_groups,
    from claims
    inner join clause_elements
        on clause_elements.treaty_id = claims.treaty_id
        and clause_elements.language = claims.language
        and contains(claims.segment_norm, ' ' || clause_elements.keyword_norm)
    group by all
),

matched_elements as (
    select element_hits.*
    from element_hits
    inner join groups_needed using (treaty_id, article_no, element, language)
    where element_hits.count_hit_groups = groups_needed.count_groups
),

per_article as (
    select
        claim_id,
        treaty_id,
        article_no,
        count(*) as count_elements,
        bool_or(element = 'trigger') as has_trigger,
        bool_or(element = 'obligation') as has_obligation,
        -- Sorted after aggregating: the string an ordered string_agg gives, at less cost.
        array_to_string(list_sort(list(element)), ', ') as elements,
    from matched_elements
    group by all
),

claimed as (
    select
        claims.claim_id,
        coalesce(per_article.count_elements, 0) as count_elements,
        coalesce(per_article.has_trigger, false) as has_trigger,
        coalesce(per_article.has_obligation, false) as has_obligation,
        per_article.elements,
    from claims
    left join per_article
        on per_article.claim_id = claims.claim_id
        and per_article.article_no = claims.article_no
),

best_other as (
    select per_article.*
    from per_article
    inner join claims on claims.claim_id = per_article.claim_id
    where per_article.article_no <> claims.article_no
    qualify row_number() over (partition by per_article.claim_id order by per_article.count_elements desc, per_article.has_obligation desc, per_article.article_no) = 1
),

facts as (
    select
        claims.claim_id,
        claims.treaty_id,
        claims.article_no,
        claims.treaty_resolution,
        treaties.name as treaty_name,
        treaties.pack_name as treaty_pack_name,
        claims.evidence_fingerprint,
        own.summary as own_summary,
        own.source as own_source,
        own.article_no is not null as is_article_known,
        claimed.count_elements,
        claimed.has_trigger,
        claimed.has_obligation,
        claimed.elements,
        best_other.article_no as other_article_no,
        coalesce(best_other.count_elements, 0) as other_count_elements,
        coalesce(best_other.has_obligation, false) as other_has_obligation,
        other.summary as other_summary,
        other.source as other_source,
        exists (select 1 from treaty_articles as any_article where any_article.treaty_id = claims.treaty_id) as has_articles,  -- noqa: LT01, LT06
    from claims
    left join treaties on treaties.treaty_id = claims.treaty_id
    left join treaty_articles as own on own.treaty_id = claims.treaty_id and own.article_no = claims.article_no
    left join claimed on claimed.claim_id = claims.claim_id
    left join best_other on best_other.claim_id = claims.claim_id
    left join treaty_articles as other on other.treaty_id = claims.treaty_id and other.article_no = best_other.article_no
),

decided as (
    select
        *,
        case
            when treaty_id is null then 'not_enough_evidence'
            when count_elements = 0 and other_count_elements >= 2 then 'refuted'
            when not is_article_known then 'not_enough_evidence'
            when has_trigger and not has_obligation and other_has_obligation then 'conflicting'
            when not has_obligation and other_has_obligation and other_count_elements > count_elements then 'refuted'
            when count_elements >= 1 then 'supported'
            else 'not_enough_evidence'
        end as verdict,
    from facts
),

explained as (
    select
        claim_id,
        verdict,
        case
            when verdict in ('supported', 'conflicting') then 'treaty:' || treaty_id || ':art' || article_no
            when verdict = 'refuted' then 'treaty:' || treaty_id || ':art' || other_article_no
        end as reference_id,
        case
            when verdict in ('supported', 'conflicting') then own_summary
            when verdict = 'refuted' then other_summary
        end as evidence,
        case
            when verdict in ('supported', 'conflicting') then own_source
            when verdict = 'refuted' then other_source
        end as evidence_source,
        elements as matched_elements,
        case
            when treaty_id is null
                then 'The treaty this article number belongs to is not in the reference pack' || coalesce(' (' || treaty_resolution || ')', '') || '.'
            when verdict = 'refuted'
                then 'What the text attributes to Article ' || article_no || ' of the ' || treaty_name || ' is the content of Article ' || other_article_no || '.'
            when verdict = 'conflicting'
                then 'Article ' || article_no || ' of the ' || treaty_name || ' has this trigger, but the obligation described belongs to Article ' || other_article_no || '.'
            when verdict = 'supported'
                then 'Article ' || article_no || ' of the ' || treaty_name || ' agrees on every element the text describes (' || elements || ').'
            when not is_article_known
                then 'The reference pack does not hold Article ' || article_no || ' of the ' || treaty_name || '.'
            else 'The description could not be matched to any element of Article ' || article_no || ' of the ' || treaty_name || '.'
        end as reason,
        evidence_fingerprint,
        coalesce(case when verdict in ('supported', 'conflicting', 'refuted') then packs.reference_version end, all_versions.reference_versions) as reference_version,
        cast(current_timestamp at time zone 'UTC' as timestamp) as verified_at,
    from decided
    cross join all_versions
    left join packs on packs.pack_name = decided.treaty_pack_name
)

select * from explained
