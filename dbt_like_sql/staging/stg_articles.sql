/*
description: Articles as ingested (raw.articles), renamed and cleaned for joins; the text itself stays in raw.articles.
grain: one row per distinct article (content hash)
materialization: view
columns:
  article_id: Content hash of the article text.
  source_path: File the article came from.
  title: Headline from metadata or the first line.
  language: ISO 639-1 code.
  published_on: Publication date (metadata, or --published).
  outlet: Publishing outlet (metadata, else dateline).
  url: Where it was published.
  dateline_place: Place named in the dateline.
tests:
  - not_null: article_id
  - unique: article_id
*/
with

articles as (
    select * from raw.articles
),

cleaned as (
    select
        article_id,
        source_path,
        nullif(trim(title), '') as title,
        lower(language) as language,
        published_on,
        nullif(trim(outlet), '') as outlet,
        url,
        dateline_place,
        char_count,
    from articles
)

select * from cleaned
