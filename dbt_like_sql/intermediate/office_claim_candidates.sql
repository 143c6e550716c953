/*
description: Offices each office_holder claim's title can mean. From the title wording (staging.claims.office_candidates); the same office carried by another pack under another id (same Wikidata Q-id); and, for a title that names no office of the packs (neither a wording nor a title head that starts one), an office the named person held on the article's date whose wording fuzzy-matches the title (staging.office_title_matches). A title that does name offices is judged against them, so la ministra Zajárova is not matched by spelling to the ministry she speaks for.
grain: one row per office_holder claim and candidate office
columns:
  claim_id: The claim (staging.claims).
  office_id: An office the title can mean (ref.offices).
  matched_by: title (the wording names it), wikidata_id (same Q-id as such an office) or title_wording (fuzzy match with an office the person held then).
tests:
  - not_null: claim_id
  - not_null: office_id
  - accepted_values: {column: matched_by, values: [title, wikidata_id, title_wording]}
*/
with

claims as (
    select * from staging.claims where claim_type = 'office_holder'
),

offices as (
    select * from ref.offices
),

office_title_matches as (
    select * from staging.office_title_matches
),

worded as (
    select
        claim_id,
        trim(unnest(string_split(office_candidates, ','))) as office_id,
        'title' as matched_by,
    from claims
    where office_candidates is not null
),

same_wikidata_id as (
    -- One office, two packs: a holding imported under the other pack's id still counts.
    select
        worded.claim_id,
        other_office.office_id,
        'wikidata_id' as matched_by,
    from worded
    inner join offices as named_office on named_office.office_id = worded.office_id
    inner join offices as other_office
        on other_office.wikidata_id = named_office.wikidata_id
        and other_office.office_id <> named_office.office_id
),

fuzzy_wording as (
    select
        office_title_matches.claim_id,
        office_title_matches.office_id,
        'title_wording' as matched_by,
    from office_title_matches
    inner join claims on claims.claim_id = office_title_matches.claim_id
    where claims.office_candidates is null
),

all_candidates as (
    select * from worded
    union all select * from same_wikidata_id
    union all select * from fuzzy_wording
),

ranked as (
    select *
    from all_candidates
    qualify row_number() over (
        partition by claim_id, office_id
        order by case matched_by when 'title' then 1 when 'wikidata_id' then 2 else 3 end
    ) = 1
)

select * from ranked
