/*
description: The published claim dataset. Each checkable claim found in an article, with its verdict against the reference sources, the deciding reference row, its words and a readable reason.
grain: one row per claim
materialization: incremental
unique_key: claim_id
delete_missing_from: staging.claims
columns:
  claim_id: Stable id - the same article and span give the same id.
  article_id: Stable content hash of the article.
  source_path: The file the article came from.
  claim_type: treaty_clause, event_date, quote, office_holder or quantity.
  claim_text: The exact span of the article text.
  char_start: Offset of claim_text in the article text (Python str index).
  char_end: End offset, exclusive.
  language: ISO 639-1 code of the article.
  verdict: supported, refuted, not_enough_evidence or conflicting.
  reference_id: The reference row that decided it (null when none did).
  evidence: The reference's words or value that decided it.
  reason: One sentence a fact-checker can read - why this verdict.
  published_on: Publication date of the article.
  outlet: Publishing outlet.
  date_value: Normalised date of an event_date claim.
  date_precision: day, month or year.
  treaty_id: Treaty a treaty_clause claim refers to.
  article_no: Treaty article number a treaty_clause claim names.
  speaker_id: Entity a quote is attributed to - a person, an organisation or outlet of the pack, or a state (a capital named as speaker is its state) (see speaker_kind).
  speaker_text: How the article names the quote's speaker (set when the pack does not hold the speaker too).
  speaker_kind: Whether a quote's speaker is a person, an organisation, a state or a writing - 'source' (a writing as the subject of a verb of saying - 'The post says', 'В посте говорится'; speaker_text names it, speaker_id is null), 'person', 'organisation' (an organisation or outlet of the pack, or an organisation the pack does not hold, named in speaker_text) or 'state' (a state of the pack or its capital as the subject of a verb of saying - 'Moscow said'); null for other claims and for quotes without a speaker.
  person_id: Entity an office_holder claim names.
  quantity_value: Number a quantity claim states (the first end of a range).
  quantity_unit: Canonical unit of a quantity claim's number.
  quantity_bound: min (a floor - at least), max (a ceiling - up to), range (quantity_value to quantity_value_high) or null for a figure stated as such.
  quantity_value_high: Upper end of a range (quantity_bound range).
  evidence_source: Publisher and date of the deciding reference row.
  reference_version: Reference version that decided the verdict - pack name and content hash (name:hash) of the deciding row, or every loaded pack when no row decided.
  evidence_fingerprint: md5 of the claim's checked fields and the reference rows that can decide it; a refresh re-verifies the claim only when it changes.
  verified_at: When the verdict was computed (UTC); unchanged claims keep theirs across refreshes.
  prior_fact_check_id: Prior fact-check (ref.fact_checks, from ClaimReview) whose reviewed claim matches this claim.
  prior_fact_check_url: Where that fact-check was published.
  prior_fact_check_rating: The rating the fact-checker gave.
  prior_fact_check_verdict: That rating as one of the four verdicts, where it maps.
  prior_fact_check_publisher: Who published the fact-check.
tests:
  - not_null: claim_id
  - unique: claim_id
  - not_null: verdict
  - not_null: reason
  - accepted_values: {column: verdict, values: [supported, refuted, not_enough_evidence, conflicting]}
  - accepted_values: {column: claim_type, values: [treaty_clause, event_date, quote, office_holder, quantity]}
  - accepted_values: {column: speaker_kind, values: [person, organisation, state, source]}
  - relationships: {column: article_id, to: staging.stg_articles, field: article_id}
  - sql:
      name: spans_in_order
      query: select * from marts.claim_verdicts where char_start < 0 or char_end <= char_start
  - sql:
      name: speaker_kind_only_on_quotes
      query: select * from marts.claim_verdicts where speaker_kind is not null and claim_type is distinct from 'quote'
*/
with

-- Incremental: a refresh writes only the claims whose published row changed and deletes the
-- rows of claims that are gone (delete_missing_from: staging.claims, which has the same keys as
-- intermediate.claims_decided without running the view); the table is always what a rebuild
-- from intermediate.claims_decided gives (tests/test_sql_incremental.py).
-- Not materialized: an incremental run reads it twice, a few columns of every claim to find
-- the changed ones and then the whole rows of those alone.
claims_decided as not materialized (
    select * from intermediate.claims_decided
),

{% if is_incremental() %}
changed as (
    -- Claims whose published row would differ. New claims; claims verified again (a new
    -- verified_at: any change to a claim's checked fields or evidence changes its
    -- fingerprint, which re-verifies it); and what no verdict sees - the file path, the
    -- speaker's wording and kind, the article's metadata. Claims with a prior fact-check, now or
    -- before, are rebuilt on every run (fact-checks are matched again each refresh). The
    -- other columns follow from the claim_id (article, type, span).
    select claims_decided.claim_id
    from claims_decided
    left join {{ this }} as published on published.claim_id = claims_decided.claim_id
    where
        published.claim_id is null
        or published.verified_at is distinct from claims_decided.verified_at
        or published.evidence_fingerprint is distinct from claims_decided.evidence_fingerprint
        or published.source_path is distinct from claims_decided.source_path
        or published.speaker_text is distinct from claims_decided.speaker_text
        or published.speaker_kind is distinct from claims_decided.speaker_kind
        or published.outlet is distinct from claims_decided.outlet
        or published.article_title is distinct from claims_decided.article_title
        or published.article_url is distinct from claims_decided.article_url
        or published.prior_fact_check_id is not null
        or claims_decided.prior_fact_check_id is not null
),

to_publish as (
    select claims_decided.*
    from claims_decided
    semi join changed on changed.claim_id = claims_decided.claim_id
),
{% else %}
to_publish as (
    select * from claims_decided
),
{% endif %}

published as (
    select
        claim_id,
        article_id,
        source_path,
        claim_type,
        claim_text,
        char_start,
        char_end,
        language,
        verdict,
        reference_id,
        evidence,
        reason,
        published_on,
        outlet,
        article_title,
        article_url,
        sentence_text,
        mention_text,
        date_value,
        date_precision,
        treaty_id,
        article_no,
        speaker_id,
        speaker_text,
        speaker_kind,
        person_id,
        person_text,
        title_text,
        quantity_value,
        quantity_unit,
        quantity_bound,
        quantity_value_high,
        evidence_source,
        reference_version,
        evidence_fingerprint,
        verified_at,
        prior_fact_check_id,
        prior_fact_check_url,
        prior_fact_check_rating,
        prior_fact_check_verdict,
        prior_fact_check_publisher,
    from to_publish
)

select * from published
