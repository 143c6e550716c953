/*
description: Verdict for each event_date claim, from the reference timeline. An event matches a claim when every keyword group of the event hits the claim's sentence; the date is then compared at the claim's precision (day, month or year). The date of a report (report_norm - "Peskov said on Thursday that the treaty ...") says when something was said, not when the event happened - it is supported when it is the event's date and otherwise not_enough_evidence, never refuted - unless the one who reported is part of the event (a keyword group of the event is found in the report's clause and not in the rest of the sentence, as in "Gerasimov reported on 3 June that Kursk was retaken") - then the report is the event, and its date is checked. A date the best event would refute is not_enough_evidence when the date belongs to a treaty the pack does not hold (treaty_resolution - the treaty named closest to the date in its sentence is one outside the pack, as in "The Soviet-North Korean treaty was signed in Moscow on 6 July 1961"), when the sentence also nearly describes another event with that date through a word the best event's keywords do not explain (rival), or when the best event's actor (a keyword group naming a pack person) is found only in the neighbouring sentences while the sentence names another pack person (other_actor), or when the sentence names at most half of the best event's keyword groups while a keyword of the date's own span that the best event's keywords do not explain names another event the wider context completes (partial_rival - "Entrata in vigore 4 dicembre 2024" after a lead on Kursk is no date of the Kursk incursion). The date's own clause (clause_norm - its relative clause or participial phrase, the noun of another event it is bound to, or its part of the sentence between semicolons and colons; clause_wide_norm when that names no event) comes first - an event is checked against the date only when the clause names two of its keyword groups, or one the rest of the sentence does not name; otherwise the date is not_enough_evidence ("Choe Son Hui, who was in Moscow in November, called the treaty ..." is no date of the treaty's signing; "after the September 11 attacks" is no date of NATO's Article 5). A sentence that continues the one before (subject_norm - an answer to a question, an answer word, a pronoun or anaphor for its subject) is matched with that text as part of it, but a date matched only through it is not refuted when its own part of the sentence names nothing of the event, or when its sentence names a pack person who is no part of the event. A planned date (date_relation planned - "is due to vote in early November") is supported when the event happened on it and otherwise not_enough_evidence, never refuted. A date the event had not happened by (date_relation not_yet - "was not yet in force in August 2024") is supported when the event came after it, refuted when before, and not_enough_evidence when within it. Incremental - only claims that are new or whose evidence fingerprint changed (intermediate.claim_fingerprints) are verified again.
materialization: incremental
unique_key: claim_id
grain: one row per event_date claim
columns:
  claim_id: The claim (staging.claims).
  verdict: supported, refuted or not_enough_evidence.
  reference_id: event:<event_id> of the deciding reference row.
  evidence: The reference event and its date.
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
    select * from intermediate.claim_fingerprints where claim_type = 'event_date'
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
    -- pronoun or anaphor for what was named before) is read with the text its subject comes
    -- from; own_context_norm is the sentence alone.
    select
        staging_claims.* replace (
            staging_claims.context_norm || coalesce(staging_claims.subject_norm, '') as context_norm,
            coalesce(staging_claims.context_wide_norm, staging_claims.context_norm) || coalesce(staging_claims.subject_norm, '') as context_wide_norm
        ),
        staging_claims.context_norm as own_context_norm,
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

events as (
    select * from ref.events
),

event_keywords as (
    select * from ref.event_keywords
),

groups_needed as (
    select event_id, language, count(distinct group_no) as count_groups
    from event_keywords
    group by all
),

sentence_words as (
    -- The words of each claim's sentence: a keyword found in it starts at one of them.
    select distinct
        claim_id,
        language,
        unnest(string_split(trim(context_norm), ' ')) as word,
    from claims
),

keyword_heads as (
    select
        *,
        split_part(keyword_norm, ' ', 1) as head,
    from event_keywords
),

word_hits as materialized (
    -- Which sentence word starts a keyword of which event. Candidates come from an equi-join
    -- on a word's first three letters (a keyword's first word is a prefix of a word of the
    -- sentence), then `contains` confirms the whole keyword.
    select
        sentence_words.claim_id,
        sentence_words.word,
        keyword_heads.event_id,
        keyword_heads.language,
        keyword_heads.group_no,
    from sentence_words
    inner join keyword_heads
        on keyword_heads.language = sentence_words.language
        and left(keyword_heads.head, 3) = left(sentence_words.word, 3)
        and length(keyword_heads.head) >= 3
        and starts_with(sentence_words.word, keyword_heads.head)
    inner join claims on claims.claim_id = sentence_words.claim_id
    where contains(claims.context_norm, ' ' || keyword_heads.keyword_norm)
),

sentence_keywords as (
    -- Keyword groups of each event found in the claim's own sentence: the word hits, and
    -- keywords with a first word under three letters compared with every sentence of their
    -- language. The union removes duplicates.
    select
        claim_id,
        event_id,
        language,
        group_no,
    from word_hits
    union
    select
        claims.claim_id,
        keyword_heads.event_id,
        keyword_heads.language,
        keyword_heads.group_no,
    from claims
    inner join keyword_heads
        on keyword_heads.language = claims.language
        and length(keyword_heads.head) < 3
        and contains(claims.context_norm, ' ' || keyword_heads.keyword_norm)
),

sentence_events as (
    -- Events that can still match: every match needs all of the event's groups but one (and at
    -- least one) in the sentence (see matched). Only these are looked for in the much longer
    -- wider context; most events named in a sentence by one word (a leader's name) drop out.
    select
        sentence_keywords.claim_id,
        sentence_keywords.event_id,
        sentence_keywords.language,
    from sentence_keywords
    inner join groups_needed
        on groups_needed.event_id = sentence_keywords.event_id
        and groups_needed.language = sentence_keywords.language
    group by
        sentence_keywords.claim_id,
        sentence_keywords.event_id,
        sentence_keywords.language,
        groups_needed.count_groups
    -- sentence_keywords has one row per group (count() skips a null group, as in groups_needed).
    having count(sentence_keywords.group_no) >= greatest(1, groups_needed.count_groups - 1)
),

event_contexts as materialized (
    -- The texts of each candidate event's claim, joined before its keywords: each claim's texts
    -- are then fetched once per event, not once per keyword from all over the claims table
    -- (the optimizer would join the keywords first; `materialized` keeps this order).
    select
        sentence_events.*,
        claims.context_norm,
        claims.segment_norm,
        claims.context_wide_norm,
        claims.own_context_norm,
        claims.report_norm,
        -- A report's date: the sentence without the report's clause is what was reported.
        replace(claims.context_norm, trim(claims.report_norm), ' ') as reported_norm,
        -- The date's own clause and its wide clause (null: the whole sentence), and the rest
        -- of the sentence outside each.
        coalesce(claims.clause_norm, claims.context_norm) as clause_norm,
        coalesce(claims.clause_wide_norm, claims.context_norm) as clause_wide_norm,
        -- The rest is the sentence's own: the subject carried from before is no other clause.
        replace(claims.own_context_norm, trim(claims.clause_norm), ' ') as rest_norm,
        replace(claims.own_context_norm, trim(claims.clause_wide_norm), ' ') as wide_rest_norm,
    from sentence_events
    inner join claims on claims.claim_id = sentence_events.claim_id
),

wide_groups as (
    -- Keyword groups of each event found in the wider context (neighbouring sentences and the
    -- article's lead), and whether one of their keywords there is also in the sentence, or in
    -- the claim's own span. One row per group, so sentence_hits counts rows instead of keeping
    -- three distinct-count tables.
    select
        event_contexts.claim_id,
        event_keywords.event_id,
        event_keywords.language,
        event_keywords.group_no,
        bool_or(contains(event_contexts.context_norm, ' ' || event_keywords.keyword_norm)) as is_in_sentence,
        bool_or(contains(event_contexts.own_context_norm, ' ' || event_keywords.keyword_norm)) as is_in_own_sentence,
        bool_or(contains(event_contexts.segment_norm, ' ' || event_keywords.keyword_norm)) as is_in_segment,
        bool_or(contains(event_contexts.report_norm, ' ' || event_keywords.keyword_norm)) as is_in_report,
        bool_or(contains(event_contexts.reported_norm, ' ' || event_keywords.keyword_norm)) as is_in_reported,
        -- With no clause of its own the date's clause is the sentence, and nothing is outside it.
        bool_or(contains(event_contexts.clause_norm, ' ' || event_keywords.keyword_norm)) as is_in_clause,
        coalesce(bool_or(contains(event_contexts.rest_norm, ' ' || event_keywords.keyword_norm)), false) as is_in_rest,
        bool_or(contains(event_contexts.clause_wide_norm, ' ' || event_keywords.keyword_norm)) as is_in_wide_clause,
        coalesce(bool_or(contains(event_contexts.wide_rest_norm, ' ' || event_keywords.keyword_norm)), false) as is_in_wide_rest,
    from event_contexts
    inner join event_keywords
        on event_keywords.event_id = event_contexts.event_id
        and event_keywords.language = event_contexts.language
        and contains(event_contexts.context_wide_norm, ' ' || event_keywords.keyword_norm)
    group by all
),

clause_words as (
    -- Whether the date's own clause names a keyword of an event the sentence may describe.
    select
        claim_id,
        bool_or(is_in_clause) as has_clause_words,
    from wide_groups
    group by claim_id
),

clause_groups as (
    -- Each group found in the date's clause, and in the rest of the sentence: the own clause
    -- when it names a keyword of an event the sentence may describe, else the wide clause
    -- ("Ausgerufen wurde der Bündnisfall nur einmal: am 12. September 2001, einen Tag nach den
    -- Anschlägen" is about the Bündnisfall; "Shoigu left the ministry in May 2024; it was
    -- Gerasimov who reported on April 26 ..." is not about Gerasimov's report).
    select
        wide_groups.claim_id,
        wide_groups.event_id,
        wide_groups.language,
        wide_groups.group_no,
        wide_groups.is_in_sentence,
        wide_groups.is_in_segment,
        wide_groups.is_in_report,
        wide_groups.is_in_reported,
        case when clause_words.has_clause_words then wide_groups.is_in_clause else wide_groups.is_in_wide_clause end as is_in_clause,
        case when clause_words.has_clause_words then wide_groups.is_in_rest else wide_groups.is_in_wide_rest end as is_in_rest,
    from wide_groups
    inner join clause_words on clause_words.claim_id = wide_groups.claim_id
),

sentence_hits as (
    -- Keyword groups of each event found in the sentence, in the claim's own span, and in the
    -- wider context (count(group_no), like count(distinct group_no), skips a null group).
    select
        claim_id,
        event_id,
        language,
        count(group_no) filter (where is_in_sentence) as count_sentence_groups,
        count(group_no) filter (where is_in_segment) as count_segment_groups,
        -- Groups named by the report's clause only (null: not a report's date).
        count(group_no) filter (where is_in_report and not is_in_reported) as count_reporter_groups,
        count(group_no) as count_wide_groups,
        -- Whether the date's own clause describes the event: it names two of the event's
        -- groups, or one the rest of the sentence does not name ("Choe Son Hui, who was in
        -- Moscow in November, called the treaty ..." names Moscow for the treaty's signing,
        -- but the rest of the sentence names North Korea too: the clause is about Choe's visit).
        count(group_no) filter (where is_in_clause) >= 2 or count(group_no) filter (where is_in_clause and not is_in_rest) >= 1 as is_in_clause,
    from clause_groups
    group by all
),

matched as (
    -- Every group in the sentence; or every group in the wider context with at most one of
    -- them only there (what the sentence describes is named just before or after it).
    select
        sentence_hits.claim_id,
        sentence_hits.count_segment_groups,
        sentence_hits.count_reporter_groups,
        sentence_hits.is_in_clause,
        case when sentence_hits.count_sentence_groups = groups_needed.count_groups then 1 else 2 end as match_tier,
        -- At most half of the event's groups in the sentence: matched mostly through the wider context.
        sentence_hits.count_sentence_groups * 2 <= groups_needed.count_groups as is_mostly_wide,
        events.*,
    from sentence_hits
    inner join groups_needed
        on groups_needed.event_id = sentence_hits.event_id
        and groups_needed.language = sentence_hits.language
    inner join events on events.event_id = sentence_hits.event_id
    where
        sentence_hits.count_sentence_groups = groups_needed.count_groups
        or (
            sentence_hits.count_wide_groups = groups_needed.count_groups
            and sentence_hits.count_sentence_groups >= greatest(1, groups_needed.count_groups - 1)
        )
),

hit_dates as (
    -- Whether each event found in the claim's context has the claim's date, at the claim's
    -- precision (day, month or year).
    select
        sentence_hits.claim_id,
        sentence_hits.event_id,
        date_agrees(claims.date_precision, claims.date_value, events.event_on) as is_date_match,
    from sentence_hits
    inner join claims on claims.claim_id = sentence_hits.claim_id
    inner join events on events.event_id = sentence_hits.event_id
),

compared as (
    select
        matched.*,
        hit_dates.is_date_match,
        -- Whether the date can be refuted by the event: a report's date only when the one who
        -- reported is part of the event.
        claims.report_norm is null or matched.count_reporter_groups > 0 as is_checked,
        -- A date read with the subject carried from the sentence before, whose own part of the
        -- sentence names nothing of the event: "Его подписали 19.06.2024, в силу он вступил
        -- 4 декабря" - the signing is the first date's, not the second's.
        claims.subject_norm is not null and matched.count_segment_groups = 0 as is_carried_only,
    from matched
    inner join claims on claims.claim_id = matched.claim_id
    inner join hit_dates
        on hit_dates.claim_id = matched.claim_id
        and hit_dates.event_id = matched.event_id
),

best as (
    -- An event the date's own clause describes comes first; then a matching date wins;
    -- otherwise the event whose words sit closest to the date decides. The event is shown as
    -- evidence when the clause describes it and it supports the date or may refute it.
    select
        *,
        is_in_clause and (is_date_match or is_checked) as is_shown,
    from compared
    qualify row_number() over (
        partition by claim_id
        order by is_in_clause desc, is_date_match desc, match_tier, count_segment_groups desc, event_on desc, event_id
    ) = 1
),

rival as (
    -- A date the best event would refute, while the sentence also nearly describes another
    -- event (two of its keyword groups or more, all but one) that has that date, through a
    -- word the best event's keywords do not explain: "The president signed the law ratifying
    -- the treaty on 9 November 2024" names no Putin, so the ratification law is not matched,
    -- yet "ratifying" is no word of the treaty's signing, so the signing does not refute it.
    select
        best.claim_id,
        arg_min(events.description, events.event_on) as description,
        min(events.event_on) as event_on,
    from best
    inner join sentence_hits
        on sentence_hits.claim_id = best.claim_id
        and sentence_hits.event_id <> best.event_id
        and sentence_hits.count_sentence_groups >= 2
        and sentence_hits.is_in_clause
    inner join hit_dates
        on hit_dates.claim_id = sentence_hits.claim_id
        and hit_dates.event_id = sentence_hits.event_id
        and hit_dates.is_date_match
    inner join events on events.event_id = sentence_hits.event_id
    where
        not best.is_date_match
        and best.is_checked
        and exists (
            select 1
            from word_hits as near_hit
            where
                near_hit.claim_id = best.claim_id
                and near_hit.event_id = sentence_hits.event_id
                and not exists (
                    select 1
                    from word_hits as best_hit
                    where
                        best_hit.claim_id = near_hit.claim_id
                        and best_hit.word = near_hit.word
                        and best_hit.event_id = best.event_id
                )
        )
    group by best.claim_id
),

partial_rival as (
    -- A date the best event would refute although the sentence names at most half of that
    -- event's keyword groups (the rest is in the wider context), while a keyword of the date's
    -- own span that no keyword of the best event found there explains (neither starts the
    -- other) names another event whose every group the wider context holds: "Entrata in vigore
    -- 4 dicembre 2024" after a lead on Kursk shares "entrat" with the Kursk incursion, but
    -- "vigore" names the treaty's entry into force, which the lead's treaty completes. The
    -- sentence describes that event at least as well, so it is not refuted. The keyword is in
    -- the date's own span: in "Der am 19.06.2024 unterzeichnete Vertrag sei erst im Januar 2025
    -- in Kraft getreten" the signing is the first date's.
    select
        best.claim_id,
        arg_min(events.description, events.event_id) as description,
        arg_min(events.event_on, events.event_id) as event_on,
    from best
    inner join claims on claims.claim_id = best.claim_id
    inner join event_keywords as near_keywords
        on near_keywords.language = claims.language
        and near_keywords.event_id <> best.event_id
        and contains(claims.segment_norm, ' ' || near_keywords.keyword_norm)
    inner join events on events.event_id = near_keywords.event_id
    inner join groups_needed
        on groups_needed.event_id = near_keywords.event_id
        and groups_needed.language = near_keywords.language
    where
        best.is_mostly_wide
        and not best.is_date_match
        and best.is_checked
        and not exists (
            select 1
            from event_keywords as best_keywords
            where
                best_keywords.event_id = best.event_id
                and best_keywords.language = claims.language
                and contains(claims.segment_norm, ' ' || best_keywords.keyword_norm)
                and (
                    starts_with(best_keywords.keyword_norm, near_keywords.keyword_norm)
                    or starts_with(near_keywords.keyword_norm, best_keywords.keyword_norm)
                )
        )
        and groups_needed.count_groups = (
            select count(distinct wide_keywords.group_no)
            from event_keywords as wide_keywords
            where
                wide_keywords.event_id = near_keywords.event_id
                and wide_keywords.language = near_keywords.language
                and contains(claims.context_wide_norm, ' ' || wide_keywords.keyword_norm)
        )
    group by best.claim_id
),

person_aliases as (
    select entity_aliases.entity_id, entities.name, entity_aliases.alias_norm
    from ref.entity_aliases as entity_aliases
    inner join ref.entities as entities
        on entities.entity_id = entity_aliases.entity_id
        and entities.kind = 'person'
),

event_persons as (
    -- The people an event's keywords name (a keyword that starts one of the person's aliases),
    -- and the keyword groups that name them: the event's actors.
    select distinct
        event_keywords.event_id,
        event_keywords.language,
        event_keywords.group_no,
        person_aliases.entity_id,
    from event_keywords
    inner join person_aliases
        on starts_with(person_aliases.alias_norm, event_keywords.keyword_norm)
),

actor_groups as (
    -- The keyword groups of each event that name one of its actors.
    select distinct
        event_id,
        language,
        group_no,
    from event_persons
),

other_actor as (
    -- A date the best event would refute when that event's actor is named only in the
    -- neighbouring sentences while the sentence itself names somebody else: "Defence Minister
    -- Shoigu visited Pyongyang in March" after a paragraph about Putin is not Putin's visit.
    -- With a subject carried from the sentence before, any of the event's groups found only
    -- there will do: "Q: When was the treaty between Russia and North Korea signed? A: Lavrov
    -- visited Pyongyang on 20 June." is no date of the signing.
    select
        best.claim_id,
        min(person_aliases.name) as name,
    from best
    inner join claims on claims.claim_id = best.claim_id
    inner join wide_groups
        on wide_groups.claim_id = best.claim_id
        and wide_groups.event_id = best.event_id
        and not wide_groups.is_in_own_sentence
    left join actor_groups
        on actor_groups.event_id = wide_groups.event_id
        and actor_groups.language = wide_groups.language
        and actor_groups.group_no = wide_groups.group_no
    inner join person_aliases
        on contains(claims.own_context_norm, ' ' || person_aliases.alias_norm || ' ')
    where
        (actor_groups.group_no is not null or claims.subject_norm is not null)
        and not best.is_date_match
        and best.is_checked
        and not exists (
            select 1
            from event_persons
            where
                event_persons.event_id = best.event_id
                and event_persons.entity_id = person_aliases.entity_id
        )
    group by best.claim_id
),

judged as (
    -- The best event with its rival: an event that decides nothing is not shown as evidence.
    select
        best.* replace (
            best.is_shown and rival.claim_id is null and other_actor.claim_id is null and partial_rival.claim_id is null
            and (best.is_date_match or not best.is_carried_only)
            and (best.is_date_match or claims.treaty_resolution is distinct from 'treaty named in the text is not in the reference pack') as is_shown
        ),
        rival.description as rival_description,
        rival.event_on as rival_on,
        other_actor.name as other_actor,
        partial_rival.description as partial_description,
        partial_rival.event_on as partial_on,
    from best
    inner join claims on claims.claim_id = best.claim_id
    left join rival on rival.claim_id = best.claim_id
    left join other_actor on other_actor.claim_id = best.claim_id
    left join partial_rival on partial_rival.claim_id = best.claim_id
),

decided as (
    select
        claims.claim_id,
        case
            when claims.date_value is null then 'not_enough_evidence'
            when best.event_id is null then 'not_enough_evidence'
            when not best.is_in_clause then 'not_enough_evidence'
            when claims.date_relation = 'not_yet' and best.event_on >= date_period_end(claims.date_precision, claims.date_value) then 'supported'
            when claims.date_relation = 'not_yet' and best.is_date_match then 'not_enough_evidence'
            when best.is_date_match then 'supported'
            when claims.date_relation = 'planned' then 'not_enough_evidence'
            when not best.is_checked then 'not_enough_evidence'
            when best.rival_on is not null then 'not_enough_evidence'
            when best.is_carried_only then 'not_enough_evidence'
            when best.other_actor is not null then 'not_enough_evidence'
            when claims.treaty_resolution = 'treaty named in the text is not in the reference pack' then 'not_enough_evidence'
            when best.partial_on is not null then 'not_enough_evidence'
            else 'refuted'
        end as verdict,
        case when claims.date_value is not null and best.event_id is not null and best.is_shown then 'event:' || best.event_id end as reference_id,
        case
            when best.is_shown
                then best.description || ' — ' || strftime(best.event_on, '%Y-%m-%d') || coalesce(' (' || best.place || ')', '')
        end as evidence,
        case when best.is_shown then best.source end as evidence_source,
        case
            when claims.date_value is null
                then 'The date "' || claims.mention_text || '" has no year and the article has no publication date to resolve it.'
            when best.event_id is null
                then 'No event in the reference timeline matches what this sentence describes, so its date (' || strftime(claims.date_value, '%Y-%m-%d') || ') cannot be checked.'
            when not best.is_in_clause
                then 'The date "' || claims.mention_text || '" belongs to a clause of its own ("' || trim(claims.clause_norm) || '") that does not describe "' || best.description || '", so it is not checked against it.'
            when claims.date_relation = 'not_yet' and best.event_on >= date_period_end(claims.date_precision, claims.date_value)
                then 'The reference timeline dates "' || best.description || '" to ' || strftime(best.event_on, '%Y-%m-%d') || ', after "' || claims.mention_text || '", when the text says it had not happened yet.'
            when claims.date_relation = 'not_yet' and best.is_date_match
                then 'The reference timeline dates "' || best.description || '" to ' || strftime(best.event_on, '%Y-%m-%d') || ', within "' || claims.mention_text || '", so whether it had happened yet by then cannot be told.'
            when best.is_date_match
                then 'The reference timeline dates "' || best.description || '" to ' || strftime(best.event_on, '%Y-%m-%d') || ', which agrees with "' || claims.mention_text || '" (' || claims.date_precision || ' precision).'
            when claims.date_relation = 'planned'
                then
                    'The date "' || claims.mention_text || '" (' || strftime(claims.date_value, '%Y-%m-%d') || ') is when "' || best.description
                    || '" was planned or expected; it took place on ' || strftime(best.event_on, '%Y-%m-%d') || ', and a plan is not refuted by a later change.'
            when not best.is_checked
                then
                    'The date "' || claims.mention_text || '" (' || strftime(claims.date_value, '%Y-%m-%d') || ') says when this was said or reported, not when "'
                    || best.description || '" happened (' || strftime(best.event_on, '%Y-%m-%d') || '), so it is not checked against it.'
            when best.rival_on is not null
                then
                    'The sentence matches "' || best.description || '" (' || strftime(best.event_on, '%Y-%m-%d') || '), but it also partly describes "'
                    || best.rival_description || '", dated ' || strftime(best.rival_on, '%Y-%m-%d') || ' as "' || claims.mention_text || '" says, so the date is not refuted.'
            when best.is_carried_only
                then
                    'The date "' || claims.mention_text || '" is matched to "' || best.description || '" (' || strftime(best.event_on, '%Y-%m-%d')
                    || ') only through the sentence before, and its own part of the sentence names nothing of that event, so it is not checked against it.'
            when best.other_actor is not null
                then
                    'The sentence names ' || best.other_actor || ', who is not part of "' || best.description || '" (' || strftime(best.event_on, '%Y-%m-%d')
                    || '); that event is matched only through the neighbouring sentences, so the date "' || claims.mention_text || '" is not checked against it.'
            when claims.treaty_resolution = 'treaty named in the text is not in the reference pack'
                then
                    'The date "' || claims.mention_text || '" is that of "' || claims.treaty_text || '", a treaty that is not in the reference pack, so it is not checked against "'
                    || best.description || '" (' || strftime(best.event_on, '%Y-%m-%d') || ').'
            when best.partial_on is not null
                then
                    'The sentence matches "' || best.description || '" (' || strftime(best.event_on, '%Y-%m-%d') || ') only with the help of the neighbouring sentences, while its own words also name "'
                    || best.partial_description || '" (' || strftime(best.partial_on, '%Y-%m-%d') || '), so the date "' || claims.mention_text || '" is not checked against it.'
            when claims.date_relation = 'not_yet'
                then 'The reference timeline dates "' || best.description || '" to ' || strftime(best.event_on, '%Y-%m-%d') || ', before "' || claims.mention_text || '", when the text says it had not happened yet.'
            else 'The reference timeline dates "' || best.description || '" to ' || strftime(best.event_on, '%Y-%m-%d') || ', not ' || strftime(claims.date_value, '%Y-%m-%d') || ' as "' || claims.mention_text || '" says.'
        end as reason,
        claims.evidence_fingerprint,
        coalesce(case when claims.date_value is not null and best.is_shown then packs.reference_version end, all_versions.reference_versions) as reference_version,
        cast(current_timestamp at time zone 'UTC' as timestamp) as verified_at,
    from claims
    cross join all_versions
    left join judged as best on best.claim_id = claims.claim_id
    left join packs on packs.pack_name = best.pack_name
)

select * from decided
