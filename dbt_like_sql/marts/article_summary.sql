/*
description: One row per article with its claim counts by verdict, for triage - which articles carry refuted claims.
grain: one row per article
columns:
  article_id: Content hash of the article.
  count_claims: Claims found in the article.
  count_supported: Claims supported by the references.
  count_refuted: Claims the references contradict.
  count_conflicting: Claims partly right, partly wrong.
  count_not_enough_evidence: Claims no reference covers.
tests:
  - not_null: article_id
  - unique: article_id
*/
with

articles as (
    select * from staging.stg_articles
),

claims_decided as (
    select * from intermediate.claims_decided
),

counted as (
    select
        articles.article_id,
        articles.source_path,
        articles.title,
        articles.language,
        articles.outlet,
        articles.published_on,
        count(claims_decided.claim_id) as count_claims,
        count(*) filter (where claims_decided.verdict = 'supported') as count_supported,
        count(*) filter (where claims_decided.verdict = 'refuted') as count_refuted,
        count(*) filter (where claims_decided.verdict = 'conflicting') as count_conflicting,
        count(*) filter (where claims_decided.verdict = 'not_enough_evidence') as count_not_enough_evidence,
    from articles
    left join claims_decided on claims_decided.article_id = articles.article_id
    group by all
)

select * from counted
