/*
description: The content hash of every claim - an md5 over the fields the verdict models check (the claim's words, sentence and contexts, dates, ids, figures) - with the few short fields the evidence fingerprint joins on. Incremental - a claim is hashed once, when it is new or extracted again (a new staging.claims.extracted_at, which an incremental run needs); rows of claims that left staging.claims are deleted. Hashing the long context strings is the expensive part of a fingerprint, so a refresh pays it only for the claims it extracted.
grain: one row per claim
materialization: incremental
unique_key: claim_id
delete_missing_from: staging.claims
columns:
  claim_id: The claim (staging.claims).
  claim_type: Its type.
  language: ISO 639-1 code of the article.
  published_on: Publication date of the article.
  treaty_id: Treaty a treaty_clause claim refers to.
  speaker_id: Entity a quote is attributed to.
  person_id: Entity an office_holder claim names.
  extracted_at: When the hashed version of the claim was extracted (staging.claims.extracted_at; null where staging.claims has no such column, as in factcheck check, whose warehouse is always built from scratch).
  content_hash: md5 of the claim's checked fields.
tests:
  - not_null: claim_id
  - unique: claim_id
  - not_null: content_hash
*/
with

claims as (
    select * from staging.claims
),

{% if is_incremental() %}
claim_versions as (
    -- Its own import rather than `claims`: DuckDB materializes a CTE read twice, long
    -- strings and all.
    select claim_id, extracted_at from staging.claims
),

work_set as (
    -- Claims not hashed yet, or extracted again since they were (a claim row changes only
    -- that way). Only ids and times are compared here.
    select claim_versions.*
    from claim_versions
    left join {{ this }} as hashed
        on hashed.claim_id = claim_versions.claim_id
        and hashed.extracted_at = claim_versions.extracted_at
    where hashed.claim_id is null
),

to_hash as (
    -- Joining on extracted_at as well lets the scan skip the row groups of earlier refreshes:
    -- the long strings are read for the work set alone.
    select claims.*
    from claims
    semi join work_set
        on work_set.claim_id = claims.claim_id
        and work_set.extracted_at = claims.extracted_at
),
{% else %}
to_hash as (
    -- staging.claims written by factcheck check (always built from scratch) has no
    -- extracted_at: the empty branch of the union adds the column, null.
    select * from claims
    union all by name
    select cast(null as timestamp) as extracted_at where false
),
{% endif %}

hashed as (
    -- The fields the verdict models check; a re-extraction that changes them re-verifies.
    select
        claim_id,
        claim_type,
        language,
        published_on,
        treaty_id,
        speaker_id,
        person_id,
        extracted_at,
        md5(to_json(struct_pack(
            claim_text, language, published_on, sentence_text, context_norm, context_wide_norm, segment_norm, mention_text,
            article_no, treaty_id, treaty_resolution, treaty_text, description_norm, obligation_text, is_negated, negated_norm,
            date_value, date_precision, as_of_value, as_of_precision, report_norm, clause_norm, clause_wide_norm, date_relation, subject_norm, speaker_id, speaker_text, speaker_kind, person_id, person_text, title_text,
            office_candidates, quantity_value, quantity_unit, is_approximate, quantity_bound,
            quantity_value_high, party_norm
        ))) as content_hash,
    from to_hash
)

select * from hashed
