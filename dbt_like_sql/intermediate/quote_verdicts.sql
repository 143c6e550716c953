/*
description: Verdict for each quote claim. The quoted words are compared (fuzzy, in Python with rapidfuzz, see staging.quote_matches) with the stored renderings of statements; the statement's speaker is compared with the speaker the article names; a speaker the pack does not know (speaker_text without speaker_id) is not_enough_evidence, and the reason says so; so is a writing that speaks (speaker_kind source - 'The post says'), whose author the pack cannot tell. An organisation as speaker (speaker_kind) is checked against the statements the pack attributes to it or that it issued for their speaker (issued_by - 'The Kremlin said' with the words of Putin's statement the Kremlin published is supported); a state as speaker (a state or its capital - 'Moscow said') against the statements issued by that state's organisations (their country_id); one the pack holds no statement for, or does not hold, is not_enough_evidence, and the reason says so. Incremental - only claims that are new or whose evidence fingerprint changed (intermediate.claim_fingerprints) are verified again.
materialization: incremental
unique_key: claim_id
grain: one row per quote claim
columns:
  claim_id: The claim (staging.claims).
  verdict: supported, refuted or not_enough_evidence.
  reference_id: statement:<statement_id>:<language> of the matching rendering.
  evidence: The matching passage of the stored rendering.
  evidence_source: Publisher and date of the rendering.
  match_score: Similarity of the quote to the rendering, 0-100.
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
    select * from intermediate.claim_fingerprints where claim_type = 'quote'
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

quote_matches as (
    select * from staging.quote_matches
),

statements as (
    select * from ref.statements
),

entities as (
    select * from ref.entities
),

issuers as (
    -- Who may fairly be quoted with a statement besides its speaker: each organisation that
    -- issued it, and the state that organisation belongs to.
    select statements.statement_id, issuer.entity_id as issuer_id, issuer.entity_id as speaker_id,
    from statements
    cross join unnest(string_split(statements.issued_by, ', ')) as issued (issuer_id)
    inner join entities as issuer on issuer.entity_id = issued.issuer_id
    union all
    select statements.statement_id, issuer.entity_id as issuer_id, issuer.country_id as speaker_id,
    from statements
    cross join unnest(string_split(statements.issued_by, ', ')) as issued (issuer_id)
    inner join entities as issuer on issuer.entity_id = issued.issuer_id
    where issuer.country_id is not null
),

best as (
    select *
    from quote_matches
    qualify row_number() over (partition by claim_id order by score desc, rendering_id) = 1
),

speakers_with_statements as (
    -- An organisation's (or a state's) quote is checked only against a pack that holds its
    -- statements: those it made or issued, or (a state) its organisations issued.
    select speaker_id from statements
    union
    select speaker_id from issuers
),

issued_best as (
    -- The claim's best statement was issued by the organisation (or an organisation of the
    -- state) the article gives the words to: the first such issuer by id.
    select best.claim_id, min(issuers.issuer_id) as issuer_id,
    from best
    inner join claims on claims.claim_id = best.claim_id
    inner join issuers
        on issuers.statement_id = best.statement_id
        and issuers.speaker_id = claims.speaker_id
    where claims.speaker_kind in ('organisation', 'state')
    group by best.claim_id
),

attributed as (
    -- unchecked_speaker: the speaker the article names whose attribution the pack cannot check,
    -- as the reason writes it - an organisation with no statement in the pack, an organisation
    -- or a person the pack does not hold, a writing (speaker_kind 'source': "The post says")
    -- whose author it cannot tell.
    select
        claims.*,
        coalesce(claims.speaker_kind in ('organisation', 'state') and claims.speaker_id is not null and speakers_with_statements.speaker_id is null, false) as is_silent_organisation,
        case
            when claims.speaker_kind = 'state' and claims.speaker_id is not null and speakers_with_statements.speaker_id is null
                then claims.speaker_text || ' (' || claimed.name || '), a state the reference pack holds no statement by'
            when claims.speaker_kind = 'organisation' and claims.speaker_id is not null and speakers_with_statements.speaker_id is null
                then claimed.name || ', an organisation the reference pack holds no statement for'
            when claims.speaker_kind = 'organisation' and claims.speaker_id is null
                then claims.speaker_text || ', an organisation that is not in the reference pack'
            when claims.speaker_kind = 'source'
                then claims.speaker_text || ', a writing whose author the reference pack cannot tell'
            when claims.speaker_id is null and claims.speaker_text is not null
                then claims.speaker_text || ', who is not in the reference pack'
        end as unchecked_speaker,
    from claims
    left join speakers_with_statements on speakers_with_statements.speaker_id = claims.speaker_id
    left join entities as claimed on claimed.entity_id = claims.speaker_id
),

decided as (
    select
        claims.claim_id,
        case
            when best.statement_id is null then 'not_enough_evidence'
            when claims.speaker_id is null then 'not_enough_evidence'
            when claims.speaker_id = statements.speaker_id then 'supported'
            when issued_best.issuer_id is not null then 'supported'
            when claims.is_silent_organisation then 'not_enough_evidence'
            else 'refuted'
        end as verdict,
        case when best.statement_id is not null then 'statement:' || best.rendering_id end as reference_id,
        best.passage as evidence,
        best.source as evidence_source,
        best.score as match_score,
        case
            when claims.unchecked_speaker is not null and best.statement_id is null
                then 'The article attributes these words to ' || claims.unchecked_speaker || ', and no stored statement contains them, so who said them cannot be checked.'
            when best.statement_id is null
                then 'No stored statement contains these words, so who said them cannot be checked.'
            when claims.unchecked_speaker is not null
                then
                    'The article attributes these words to ' || claims.unchecked_speaker || ', so the attribution cannot be checked'
                    || ' (the words match ' || speaker.name || '''s statement of ' || strftime(statements.stated_on, '%Y-%m-%d') || ').'
            when claims.speaker_id is null
                then 'The words match ' || speaker.name || '''s statement of ' || strftime(statements.stated_on, '%Y-%m-%d') || ', but the article does not say clearly who said them.'
            when claims.speaker_id = statements.speaker_id
                then 'The words match ' || speaker.name || '''s statement of ' || strftime(statements.stated_on, '%Y-%m-%d') || ' (' || best.source || '), as the article says.'
            when issued_best.issuer_id = claims.speaker_id
                then
                    issuer.name || ' published this statement by ' || speaker.name || ' on ' || strftime(statements.stated_on, '%Y-%m-%d') || ' (' || best.source || ')'
                    || ', and the words match it, so the article fairly attributes them to ' || claims.speaker_text || '.'
            when issued_best.issuer_id is not null
                then
                    issuer.name || ', an organisation of ' || claimed.name || ', published this statement by ' || speaker.name || ' on ' || strftime(statements.stated_on, '%Y-%m-%d')
                    || ' (' || best.source || '), and the words match it, so the article fairly attributes them to ' || claims.speaker_text || '.'
            else 'The article attributes these words to ' || claimed.name || ', but they come from ' || speaker.name || '''s statement of ' || strftime(statements.stated_on, '%Y-%m-%d') || '.'
        end as reason,
        claims.evidence_fingerprint,
        coalesce(packs.reference_version, all_versions.reference_versions) as reference_version,
        cast(current_timestamp at time zone 'UTC' as timestamp) as verified_at,
    from attributed as claims
    cross join all_versions
    left join best on best.claim_id = claims.claim_id
    left join issued_best on issued_best.claim_id = claims.claim_id
    left join entities as issuer on issuer.entity_id = issued_best.issuer_id
    left join statements on statements.statement_id = best.statement_id
    left join packs on packs.pack_name = statements.pack_name
    left join entities as speaker on speaker.entity_id = statements.speaker_id
    left join entities as claimed on claimed.entity_id = claims.speaker_id
)

select * from decided
