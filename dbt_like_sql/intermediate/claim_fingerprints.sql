/*
description: The evidence fingerprint of every claim - an md5 over the claim's checked fields and the reference rows its verdict model reads. office_holder - the person's own terms, and the terms of its candidate offices in force on the date (with the office and holder names quoted in reasons); event_date - the timeline and the event keywords of its language; treaty_clause - its treaty, the treaty's articles and the clause-element keywords of its language; quote - its matched renderings, their statements and speakers; quantity - the reference figures and the keywords of its language. A verdict is recomputed only when its fingerprint changes (see the incremental verdict models), so a reference change re-verifies just the claims it can affect.
grain: one row per claim
columns:
  claim_id: The claim (staging.claims).
  claim_type: Its type.
  evidence_fingerprint: md5 of the claim's checked fields and the reference rows that can decide it.
tests:
  - not_null: claim_id
  - unique: claim_id
  - not_null: evidence_fingerprint
*/
with

claims as (
    select * from staging.claims
),

office_holdings as (
    select * from ref.office_holdings
),

offices as (
    select * from ref.offices
),

entities as (
    select * from ref.entities
),

office_claim_candidates as (
    select * from intermediate.office_claim_candidates
),

events as (
    select * from ref.events
),

event_keywords as (
    select * from ref.event_keywords
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

quote_matches as (
    select * from staging.quote_matches
),

statements as (
    select * from ref.statements
),

quantities as (
    select * from ref.quantities
),

quantity_keywords as (
    select * from ref.quantity_keywords
),

claim_content as (
    -- The fields the verdict models check; a re-extraction that changes them re-verifies.
    select
        claim_id,
        claim_type,
        language,
        md5(to_json(struct_pack(
            claim_text, language, published_on, sentence_text, context_norm, context_wide_norm, segment_norm, mention_text,
            article_no, treaty_id, date_value, date_precision, speaker_id, person_id, person_text, title_text,
            office_candidates, quantity_value, quantity_unit, is_approximate, quantity_bound
        ))) as content_hash,
    from claims
),

relevant_holdings as (
    select
        claims.claim_id,
        office_holdings.holding_id,
    from claims
    inner join office_holdings on office_holdings.person_id = claims.person_id
    where claims.claim_type = 'office_holder'
    union
    select
        claims.claim_id,
        office_holdings.holding_id,
    from office_claim_candidates
    inner join claims on claims.claim_id = office_claim_candidates.claim_id
    inner join office_holdings on office_holdings.office_id = office_claim_candidates.office_id
    where claims.published_on between office_holdings.start_on and coalesce(office_holdings.end_on, date '9999-12-31')
),

office_evidence as (
    select
        relevant_holdings.claim_id,
        md5(string_agg(
            to_json(struct_pack(holding := office_holdings, office_name := offices.name, office_qid := offices.wikidata_id, holder_name := holder.name)),
            '|' order by office_holdings.holding_id
        )) as rows_hash,
    from relevant_holdings
    inner join office_holdings on office_holdings.holding_id = relevant_holdings.holding_id
    left join offices on offices.office_id = office_holdings.office_id
    left join entities as holder on holder.entity_id = office_holdings.person_id
    group by relevant_holdings.claim_id
),

office_context as (
    -- The candidate offices and the person's own name, which the reason quotes.
    select
        claims.claim_id,
        md5(concat_ws('|', person.name, string_agg(office_claim_candidates.office_id || ':' || office_claim_candidates.matched_by, ',' order by office_claim_candidates.office_id))) as context_hash,
    from claims
    left join office_claim_candidates on office_claim_candidates.claim_id = claims.claim_id
    left join entities as person on person.entity_id = claims.person_id
    where claims.claim_type = 'office_holder'
    group by claims.claim_id, person.name
),

timeline as (
    select md5(coalesce(string_agg(to_json(events), '|' order by event_id), '')) as rows_hash from events
),

event_words as (
    select
        language,
        md5(string_agg(to_json(event_keywords), '|' order by event_id, group_no, keyword_norm)) as rows_hash,
    from event_keywords
    group by language
),

treaty_texts as (
    select
        treaties.treaty_id,
        md5(concat_ws('|', to_json(treaties), string_agg(to_json(treaty_articles), '|' order by treaty_articles.article_no))) as rows_hash,
    from treaties
    left join treaty_articles on treaty_articles.treaty_id = treaties.treaty_id
    group by treaties.treaty_id, to_json(treaties)
),

treaty_words as (
    select
        treaty_id,
        language,
        md5(string_agg(to_json(clause_elements), '|' order by article_no, element, group_no, keyword_norm)) as rows_hash,
    from clause_elements
    group by treaty_id, language
),

quote_evidence as (
    select
        quote_matches.claim_id,
        md5(string_agg(
            to_json(struct_pack(match := quote_matches, statement := statements, speaker_name := speaker.name)),
            '|' order by quote_matches.rendering_id
        )) as rows_hash,
    from quote_matches
    left join statements on statements.statement_id = quote_matches.statement_id
    left join entities as speaker on speaker.entity_id = statements.speaker_id
    group by quote_matches.claim_id
),

figures as (
    select md5(coalesce(string_agg(to_json(quantities), '|' order by quantity_id), '')) as rows_hash from quantities
),

figure_words as (
    select
        language,
        md5(string_agg(to_json(quantity_keywords), '|' order by quantity_id, group_no, keyword_norm)) as rows_hash,
    from quantity_keywords
    group by language
),

fingerprinted as (
    select
        claim_content.claim_id,
        claim_content.claim_type,
        md5(concat_ws(
            '|',
            claim_content.content_hash,
            case claim_content.claim_type
                when 'office_holder' then concat_ws('|', coalesce(office_evidence.rows_hash, '-'), coalesce(office_context.context_hash, '-'))
                when 'event_date' then concat_ws('|', timeline.rows_hash, coalesce(event_words.rows_hash, '-'))
                when 'treaty_clause' then concat_ws('|', coalesce(treaty_texts.rows_hash, '-'), coalesce(treaty_words.rows_hash, '-'))
                when 'quote' then concat_ws('|', coalesce(quote_evidence.rows_hash, '-'), coalesce(speaker.name, '-'))
                when 'quantity' then concat_ws('|', figures.rows_hash, coalesce(figure_words.rows_hash, '-'))
            end
        )) as evidence_fingerprint,
    from claim_content
    inner join claims on claims.claim_id = claim_content.claim_id
    cross join timeline
    cross join figures
    left join office_evidence on office_evidence.claim_id = claim_content.claim_id
    left join office_context on office_context.claim_id = claim_content.claim_id
    left join event_words on event_words.language = claim_content.language and claim_content.claim_type = 'event_date'
    left join treaty_texts on treaty_texts.treaty_id = claims.treaty_id and claim_content.claim_type = 'treaty_clause'
    left join treaty_words
        on treaty_words.treaty_id = claims.treaty_id
        and treaty_words.language = claim_content.language
        and claim_content.claim_type = 'treaty_clause'
    left join quote_evidence on quote_evidence.claim_id = claim_content.claim_id
    left join entities as speaker on speaker.entity_id = claims.speaker_id and claim_content.claim_type = 'quote'
    left join figure_words on figure_words.language = claim_content.language and claim_content.claim_type = 'quantity'
)

select * from fingerprinted
