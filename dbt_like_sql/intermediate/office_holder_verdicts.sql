/*
description: Verdict for each office_holder claim, checked at the article's publication date against the validity intervals of office holdings, or, when the sentence dates its main action (as_of_value, as_of_precision - "Stoltenberg called the treaty ... in June 2024", "le ministre de l'époque ... en juillet 2023"), at that time - a holding that covers the day, or overlaps the month or year; a claim that also says when its person took the office (date_value, date_precision - "who took office on October 1", "назначенный в мае 2024 года") is checked against the start of the person's holding of a candidate office too - another start refutes it, the same start of a term that ended before publication makes it conflicting. A past holding (is_negated - no longer, left the post of, who was ... until May 2024; date_value is then the end the text gives) is checked against the end of the person's term of a candidate office - refuted while the term still ran at publication or when it ended at another time than date_value at its precision, supported when it had ended, not_enough_evidence when the pack records no such term. Incremental - only claims that are new or whose evidence fingerprint changed (intermediate.claim_fingerprints) are verified again; the others keep their verdict, its reference version and its verified_at.
grain: one row per office_holder claim
materialization: incremental
unique_key: claim_id
columns:
  claim_id: The claim (staging.claims).
  verdict: supported, refuted, conflicting or not_enough_evidence.
  reference_id: holding:<holding_id> of the deciding holding.
  evidence: Who held the office, and when.
  evidence_source: Publisher and date of the holding row.
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
    select * from intermediate.claim_fingerprints where claim_type = 'office_holder'
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
    -- The time the title is checked at - the date the sentence gives its main action (as_of_value,
    -- at its precision, as a period) or else the publication date - and how a reason names it.
    select
        staging_claims.*,
        work_set.evidence_fingerprint,
        coalesce(staging_claims.as_of_value, staging_claims.published_on) as checked_from,
        case staging_claims.as_of_precision
            when 'month' then cast(staging_claims.as_of_value + interval 1 month - interval 1 day as date)
            when 'year' then cast(staging_claims.as_of_value + interval 1 year - interval 1 day as date)
            else coalesce(staging_claims.as_of_value, staging_claims.published_on)
        end as checked_to,
        case staging_claims.as_of_precision
            when 'month' then 'in ' || strftime(staging_claims.as_of_value, '%Y-%m')
            when 'year' then 'in ' || strftime(staging_claims.as_of_value, '%Y')
            else 'on ' || strftime(coalesce(staging_claims.as_of_value, staging_claims.published_on), '%Y-%m-%d')
        end as checked_text,
    from staging.claims as staging_claims
    inner join work_set
        on work_set.claim_id = staging_claims.claim_id
        {% if is_incremental() %}
        -- The claim's current version (claim_fingerprints carries it): new claims sit in the
        -- last row groups, so the scan skips the long strings of earlier refreshes.
        and work_set.extracted_at = staging_claims.extracted_at
        {% endif %}
),

holdings as (
    select * from ref.office_holdings
),

offices as (
    select * from ref.offices
),

entities as (
    select * from ref.entities
),

packs as (
    select * from ref.packs
),

office_claim_candidates as (
    select * from intermediate.office_claim_candidates
),

all_versions as (
    select string_agg(reference_version, ',' order by pack_name) as reference_versions from packs
),

candidates as (
    select office_claim_candidates.*
    from office_claim_candidates
    inner join claims on claims.claim_id = office_claim_candidates.claim_id
),

candidate_claims as (
    select distinct claim_id from candidates
),

holding_facts as (
    select
        candidates.claim_id,
        candidates.matched_by,
        holdings.*,
        holdings.person_id = claims.person_id as is_same_person,
        holdings.start_on <= claims.checked_to and coalesce(holdings.end_on, date '9999-12-31') >= claims.checked_from as is_on_date,
    from candidates
    inner join claims on claims.claim_id = candidates.claim_id
    inner join holdings on holdings.office_id = candidates.office_id
),

best as (
    -- The person holding it on the date decides; else whoever held it then; else the person's own term.
    select *
    from holding_facts
    where is_on_date or is_same_person
    qualify row_number() over (
        partition by claim_id
        order by (is_same_person and is_on_date) desc, is_on_date desc, start_on desc
    ) = 1
),

started as (
    -- Claims that say when the person took the office: the person's holding of a candidate
    -- office whose start agrees with the date at its precision, else the nearest start.
    select
        claims.claim_id,
        holdings.*,
        date_agrees(claims.date_precision, claims.date_value, holdings.start_on) as is_same_start,
        claims.published_on between holdings.start_on and coalesce(holdings.end_on, date '9999-12-31') as is_on_date,
    from claims
    inner join candidates on candidates.claim_id = claims.claim_id
    inner join holdings
        on holdings.office_id = candidates.office_id
        and holdings.person_id = claims.person_id
    where claims.date_value is not null and claims.published_on is not null and not coalesce(claims.is_negated, false)
    qualify row_number() over (
        partition by claims.claim_id
        order by is_same_start desc, abs(datediff('day', holdings.start_on, claims.date_value)), holdings.start_on desc
    ) = 1
),

ended as (
    -- Claims that the person no longer holds the office (is_negated - "no longer", "left the
    -- post of", "who was ... until May 2024"), at the date they give for the end (date_value)
    -- or at publication. A term still running then refutes the claim; else the term whose end
    -- agrees with the date at its precision, else the nearest end.
    select
        claims.claim_id,
        holdings.*,
        date_agrees(claims.date_precision, claims.date_value, holdings.end_on) as is_same_end,
        claims.published_on between holdings.start_on and coalesce(holdings.end_on, date '9999-12-31') as is_on_date,
    from claims
    inner join candidates on candidates.claim_id = claims.claim_id
    inner join holdings
        on holdings.office_id = candidates.office_id
        and holdings.person_id = claims.person_id
    where coalesce(claims.is_negated, false) and claims.published_on is not null and holdings.start_on <= claims.published_on
    qualify row_number() over (
        partition by claims.claim_id
        order by
            is_on_date desc,
            coalesce(is_same_end, true) desc,
            abs(datediff('day', coalesce(holdings.end_on, claims.published_on), coalesce(claims.date_value, claims.published_on))),
            holdings.start_on desc
    ) = 1
),

unnamed_offices as (
    -- Offices the person held on the date that no pack can name (imported as a bare Q-id).
    select
        claims.claim_id,
        string_agg(offices.wikidata_id, ', ' order by offices.wikidata_id) as wikidata_ids,
        count(*) as count_unnamed,
    from claims
    inner join holdings on holdings.person_id = claims.person_id
    inner join offices on offices.office_id = holdings.office_id
    where
        offices.name = offices.wikidata_id
        and holdings.start_on <= claims.checked_to
        and coalesce(holdings.end_on, date '9999-12-31') >= claims.checked_from
    group by claims.claim_id
),

unlinked_candidates as (
    -- Claims whose title names only offices without a Wikidata id: an office imported as a
    -- bare Q-id cannot be told apart from them.
    select candidates.claim_id
    from candidates
    inner join offices on offices.office_id = candidates.office_id
    group by candidates.claim_id
    having bool_and(offices.wikidata_id is null)
),

decided as (
    select
        claims.claim_id,
        case
            when claims.person_id is null or candidate_claims.claim_id is null or claims.published_on is null then 'not_enough_evidence'
            when coalesce(claims.is_negated, false) and ended.holding_id is null then 'not_enough_evidence'
            when coalesce(claims.is_negated, false) and (ended.is_on_date or not ended.is_same_end) then 'refuted'
            when coalesce(claims.is_negated, false) then 'supported'
            when started.holding_id is not null and not started.is_same_start then 'refuted'
            when started.holding_id is not null and started.is_on_date then 'supported'
            when started.holding_id is not null then 'conflicting'
            when best.holding_id is null and unnamed_offices.count_unnamed = 1 and unlinked_candidates.claim_id is not null then 'supported'
            when best.holding_id is null then 'not_enough_evidence'
            when best.is_same_person and best.is_on_date then 'supported'
            else 'refuted'
        end as verdict,
        case
            when claims.person_id is not null and claims.published_on is not null and coalesce(claims.is_negated, false)
                then 'holding:' || ended.holding_id
            when claims.person_id is not null and claims.published_on is not null and started.holding_id is not null then 'holding:' || started.holding_id
            when claims.person_id is not null and claims.published_on is not null and best.holding_id is not null then 'holding:' || best.holding_id
            when best.holding_id is null and unnamed_offices.count_unnamed = 1 and unlinked_candidates.claim_id is not null then 'wikidata:' || unnamed_offices.wikidata_ids
        end as reference_id,
        -- Evidence only from the holding that decided the verdict (the one reference_id names).
        case
            when coalesce(claims.is_negated, false) and claims.person_id is not null and claims.published_on is not null
                then person.name || ' — ' || ended_office.name || ', ' || strftime(ended.start_on, '%Y-%m-%d') || ' to ' || coalesce(strftime(ended.end_on, '%Y-%m-%d'), 'present')
            when started.holding_id is not null and claims.published_on is not null
                then person.name || ' — ' || started_office.name || ', ' || strftime(started.start_on, '%Y-%m-%d') || ' to ' || coalesce(strftime(started.end_on, '%Y-%m-%d'), 'present')
            when best.holding_id is not null and claims.person_id is not null and claims.published_on is not null
                then holder.name || ' — ' || offices.name || ', ' || strftime(best.start_on, '%Y-%m-%d') || ' to ' || coalesce(strftime(best.end_on, '%Y-%m-%d'), 'present')
        end as evidence,
        case
            when claims.person_id is not null and claims.published_on is not null and coalesce(claims.is_negated, false) then ended.source
            when claims.person_id is not null and claims.published_on is not null then coalesce(started.source, best.source)
        end as evidence_source,
        case
            when claims.person_id is null
                then claims.person_text || ' is not in the reference pack, so the title "' || claims.title_text || '" cannot be checked.'
            when candidate_claims.claim_id is null
                then 'The title "' || claims.title_text || '" is not an office in the reference pack.'
            when claims.published_on is null
                then 'The article has no publication date to check the office against.'
            when coalesce(claims.is_negated, false) and ended.holding_id is null
                then
                    'The reference pack records no term of ' || person.name || ' in the office the title "' || claims.title_text
                    || '" names up to ' || strftime(claims.published_on, '%Y-%m-%d') || ', so that the term is over cannot be checked.'
            when coalesce(claims.is_negated, false) and ended.is_on_date
                then
                    person.name || ' still held the office of ' || ended_office.name || ' on ' || strftime(claims.published_on, '%Y-%m-%d')
                    || ' (since ' || strftime(ended.start_on, '%Y-%m-%d') || '), so the term the text calls over was not.'
            when coalesce(claims.is_negated, false) and not ended.is_same_end
                then
                    person.name || ' left the office of ' || ended_office.name || ' on ' || strftime(ended.end_on, '%Y-%m-%d')
                    || ' (held ' || strftime(ended.start_on, '%Y-%m-%d') || ' to ' || strftime(ended.end_on, '%Y-%m-%d') || '), not '
                    || date_phrase(claims.date_precision, claims.date_value)
                    || ' as the text says.'
            when coalesce(claims.is_negated, false)
                then
                    person.name || ' held the office of ' || ended_office.name || ' from ' || strftime(ended.start_on, '%Y-%m-%d') || ' to ' || strftime(ended.end_on, '%Y-%m-%d')
                    || case when claims.date_value is not null then ', the end the text gives.' else ', no longer on ' || strftime(claims.published_on, '%Y-%m-%d') || ' as the text says.' end
            when started.holding_id is not null and not started.is_same_start
                then
                    person.name || ' took the office of ' || started_office.name || ' on ' || strftime(started.start_on, '%Y-%m-%d')
                    || ' (held ' || strftime(started.start_on, '%Y-%m-%d') || ' to ' || coalesce(strftime(started.end_on, '%Y-%m-%d'), 'present')
                    || '), not '
                    || date_phrase(claims.date_precision, claims.date_value)
                    || ' as the text says.'
            when started.holding_id is not null and started.is_on_date
                then
                    person.name || ' held the office of ' || started_office.name || ' on ' || strftime(claims.published_on, '%Y-%m-%d')
                    || ', having taken it on ' || strftime(started.start_on, '%Y-%m-%d') || ' as the text says.'
            when started.holding_id is not null
                then
                    person.name || ' took the office of ' || started_office.name || ' on ' || strftime(started.start_on, '%Y-%m-%d')
                    || ' as the text says, but held it only until ' || strftime(started.end_on, '%Y-%m-%d') || ', not on ' || strftime(claims.published_on, '%Y-%m-%d') || '.'
            when best.holding_id is null and unnamed_offices.count_unnamed = 1 and unlinked_candidates.claim_id is not null
                then
                    person.name || ' held Wikidata office ' || unnamed_offices.wikidata_ids || ' ' || claims.checked_text
                    || ', the only office the packs record for them then; no pack names that Q-id, so it is taken to be the office the title "' || claims.title_text || '" names (import the office entity to confirm).'
            when best.holding_id is null and unnamed_offices.wikidata_ids is not null
                then
                    person.name || ' held Wikidata office ' || unnamed_offices.wikidata_ids || ' ' || claims.checked_text
                    || ', which no reference pack names, so the title "' || claims.title_text || '" cannot be checked (import that office''s entity to give it labels).'
            when best.holding_id is null
                then 'The reference pack records no holder of this office ' || claims.checked_text || '.'
            when best.is_same_person and best.is_on_date and claims.as_of_value is not null
                then
                    person.name || ' held the office of ' || offices.name || ' ' || claims.checked_text || ' (' || strftime(best.start_on, '%Y-%m-%d') || ' to '
                    || coalesce(strftime(best.end_on, '%Y-%m-%d'), 'present') || '), the time the sentence gives.'
            when best.is_same_person and best.is_on_date
                then
                    person.name || ' held the office of ' || offices.name || ' on ' || strftime(claims.published_on, '%Y-%m-%d') || ' (since ' || strftime(best.start_on, '%Y-%m-%d') || ')'
                    || case when best.matched_by = 'title_wording' then ', whose wording matches the title "' || claims.title_text || '"' else '' end || '.'
            when best.is_on_date
                then upper(claims.checked_text[1]) || claims.checked_text[2:] || ' the office of ' || offices.name || ' was held by ' || holder.name || ', not ' || person.name || '.'
            else person.name || ' held the office of ' || offices.name || ' from ' || strftime(best.start_on, '%Y-%m-%d') || ' to ' || coalesce(strftime(best.end_on, '%Y-%m-%d'), 'present') || ', not ' || claims.checked_text || '.'
        end as reason,
        claims.evidence_fingerprint,
        coalesce(
            case
                when claims.person_id is not null and coalesce(claims.is_negated, false) then ended_pack.reference_version
                when claims.person_id is not null then coalesce(started_pack.reference_version, packs.reference_version)
            end,
            all_versions.reference_versions
        ) as reference_version,
        cast(current_timestamp at time zone 'UTC' as timestamp) as verified_at,
    from claims
    cross join all_versions
    left join candidate_claims on candidate_claims.claim_id = claims.claim_id
    left join best on best.claim_id = claims.claim_id
    left join offices on offices.office_id = best.office_id
    left join entities as holder on holder.entity_id = best.person_id
    left join entities as person on person.entity_id = claims.person_id
    left join packs on packs.pack_name = best.pack_name
    left join started on started.claim_id = claims.claim_id
    left join offices as started_office on started_office.office_id = started.office_id
    left join packs as started_pack on started_pack.pack_name = started.pack_name
    left join ended on ended.claim_id = claims.claim_id
    left join offices as ended_office on ended_office.office_id = ended.office_id
    left join packs as ended_pack on ended_pack.pack_name = ended.pack_name
    left join unnamed_offices on unnamed_offices.claim_id = claims.claim_id
    left join unlinked_candidates on unlinked_candidates.claim_id = claims.claim_id
)

select * from decided
