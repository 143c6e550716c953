/*
description: Verdict counts per article language, to compare how claims in each language fare against the references (and spot a language whose extractors or references lag).
grain: one row per language
columns:
  language: ISO 639-1 code of the article.
  count_claims: Claims found in articles of that language.
  count_supported: Claims the references support.
  count_refuted: Claims the references contradict.
  count_conflicting: Claims partly right, partly wrong.
  count_not_enough_evidence: Claims no reference covers.
tests:
  - not_null: language
  - unique: language
  - sql:
      name: counts_add_up
      query: select * from marts.verdicts_by_language where count_claims <> count_supported + count_refuted + count_conflicting + count_not_enough_evidence
*/
with

claim_verdicts as (
    select * from marts.claim_verdicts
),

counted as (
    select
        language,
        count(*) as count_claims,
        count(*) filter (where verdict = 'supported') as count_supported,
        count(*) filter (where verdict = 'refuted') as count_refuted,
        count(*) filter (where verdict = 'conflicting') as count_conflicting,
        count(*) filter (where verdict = 'not_enough_evidence') as count_not_enough_evidence,
    from claim_verdicts
    group by language
)

select * from counted
