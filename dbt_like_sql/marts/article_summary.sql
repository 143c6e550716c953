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

claim_verdicts as (
    select * from marts.claim_verdicts
),

counted as (
    -- Per article id first: grouping 100,000s of claims by one key beats grouping the joined
    -- rows by every article column.
    select
        article_id,
        count(*) as count_claims,
        count(*) filter (where verdict = 'supported') as count_supported,
        count(*) filter (where verdict = 'refuted') as count_refuted,
        count(*) filter (where verdict = 'conflicting') as count_conflicting,
        count(*) filter (where verdict = 'not_enough_evidence') as count_not_enough_evidence,
    from claim_verdicts
    group by article_id
),

summarised as (
    select
        articles.article_id,
        articles.source_path,
        articles.title,
        articles.language,
        articles.outlet,
        articles.published_on,
        coalesce(counted.count_claims, 0) as count_claims,
        coalesce(counted.count_supported, 0) as count_supported,
        coalesce(counted.count_refuted, 0) as count_refuted,
        coalesce(counted.count_conflicting, 0) as count_conflicting,
        coalesce(counted.count_not_enough_evidence, 0) as count_not_enough_evidence,
    from articles
    left join counted on counted.article_id = articles.article_id
)

select * from summarised
