/*
description: Verdict for each treaty_clause claim. What the claim says the article does (description_norm - its words without the article reference and the treaty's name) is matched against the keyword groups of every clause element (trigger, obligation, timing, means, legal basis) of every article of the resolved treaty; the claimed article must carry the described content. A claim that says the article imposes a duty (obligation_text) is not supported unless the article's own obligation or means is recognised in it; words the pack marks as contradicting an element ("automatic" for a clause whose parties decide what action to take) refute it, unless the claim is negated. A claim whose negation governs the article's verb ("Article 4 does not provide for military assistance", "n'oblige pas", "не предусматривает" - negated_norm, the words it denies) and denies the claimed article's own obligation or means, with no contradiction word of that article in the text, is refuted, the reason quoting what the article does provide - unless the article leaves the action to the parties (the pack marks a word such as automatic as contradicting it - NATO's Article 5), whose not obliging a given means may be true - not_enough_evidence. A negated claim that describes only another article's content ("Article 4 does not merely provide for consultations") denies that reading - not_enough_evidence, the reason naming the other article, never refuted. A claim whose text names no treaty at all is checked against the one pack treaty whose article of that number fits the description (at least two elements, more than any other); when several fit alike it is not_enough_evidence. Incremental - only claims that are new or whose evidence fingerprint changed (intermediate.claim_fingerprints) are verified again.
materialization: incremental
unique_key: claim_id
grain: one row per treaty_clause claim
columns:
  claim_id: The claim (staging.claims).
  treaty_id: The treaty the verdict is about - the claim's own, or the one inferred from its description when the text names none; null when there is none.
  verdict: supported, refuted, conflicting or not_enough_evidence.
  reference_id: treaty:<treaty_id>:art<article_no> of the deciding article.
  evidence: The article's content as the reference pack summarises it.
  evidence_source: Publisher and date of the reference text.
  matched_elements: Clause elements of the claimed article found in the claim.
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
    select * from intermediate.claim_fingerprints where claim_type = 'treaty_clause'
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

treaties as (
    select * from ref.treaties
),

treaty_articles as (
    select * from ref.treaty_articles
),

clause_elements as (
    select * from ref.clause_elements
),

groups_needed as (
    select treaty_id, article_no, element, language, is_contradiction, count(distinct group_no) as count_groups
    from clause_elements
    group by all
),

discretionary_articles as (
    -- Articles whose action the pack leaves to the parties (a word such as "automatic" marked as
    -- contradicting one of their elements): that they do not oblige a given means may be true.
    select distinct treaty_id, article_no
    from clause_elements
    where is_contradiction
),

duty_articles as (
    -- Articles whose obligation (or the means of it) the pack can recognise, per language.
    select distinct treaty_id, article_no, language
    from groups_needed
    where element in ('obligation', 'means') and not is_contradiction
),

untied as (
    -- Claims whose text names no treaty at all: neither one the pack lacks nor a legal text
    -- that is not a treaty (treaty_resolution says which, when one was named).
    select claim_id, article_no, language, description_norm
    from claims
    where treaty_id is null and treaty_resolution is null
),

untied_hits as (
    select
        untied.claim_id,
        clause_elements.treaty_id,
        clause_elements.article_no,
        clause_elements.element,
        clause_elements.language,
        clause_elements.is_contradiction,
        count(distinct clause_elements.group_no) as count_hit_groups,
    from untied
    inner join clause_elements
        on clause_elements.article_no = untied.article_no
        and clause_elements.language = untied.language
        and not clause_elements.is_contradiction
        and contains(untied.description_norm, ' ' || clause_elements.keyword_norm)
    group by all
),

untied_fits as (
    -- Per untied claim, how many elements of each treaty's article of that number it describes.
    select
        untied_hits.claim_id,
        untied_hits.treaty_id,
        treaties.name as treaty_name,
        count(*) as count_elements,
        max(count(*)) over (partition by untied_hits.claim_id) as best_count,
    from untied_hits
    inner join groups_needed using (treaty_id, article_no, element, language, is_contradiction)
    inner join treaties on treaties.treaty_id = untied_hits.treaty_id
    where untied_hits.count_hit_groups = groups_needed.count_groups
    group by untied_hits.claim_id, untied_hits.treaty_id, treaties.name
),

untied_best as (
    select
        claim_id,
        max(best_count) as best_count,
        count(*) filter (where count_elements = best_count) as count_best,
        arg_max(treaty_id, count_elements) as best_treaty_id,
        string_agg(treaty_name, '; ' order by treaty_name) filter (where count_elements = best_count) as best_names,
    from untied_fits
    group by claim_id
),

resolved as (
    -- Two elements of one article, and no other treaty's article of that number fitting as
    -- well: the claim is about that treaty even though the text does not name it.
    select
        claims.* replace (coalesce(
            claims.treaty_id,
            case when untied_best.best_count >= 2 and untied_best.count_best = 1 then untied_best.best_treaty_id end
        ) as treaty_id),
        claims.treaty_id is null and untied_best.best_count >= 2 and untied_best.count_best = 1 as is_inferred,
        case when untied_best.count_best > 1 then untied_best.best_names end as tied_names,
    from claims
    left join untied_best on untied_best.claim_id = claims.claim_id
),

claim_texts as (
    -- The texts of a claim matched against the clause elements: what it describes
    -- (description_norm) and what a negated verb in it denies (negated_norm).
    select claim_id, treaty_id, language, 'described' as text_kind, description_norm as text_norm
    from resolved
    union all
    select claim_id, treaty_id, language, 'denied' as text_kind, negated_norm as text_norm
    from resolved
    where negated_norm is not null
),

text_hits as (
    select
        claim_texts.claim_id,
        claim_texts.text_kind,
        clause_elements.treaty_id,
        clause_elements.article_no,
        clause_elements.element,
        clause_elements.value,
        clause_elements.language,
        clause_elements.is_contradiction,
        count(distinct clause_elements.group_no) as count_hit_groups,
    from claim_texts
    inner join clause_elements
        on clause_elements.treaty_id = claim_texts.treaty_id
        and clause_elements.language = claim_texts.language
        and contains(claim_texts.text_norm, ' ' || clause_elements.keyword_norm)
    group by all
),

element_hits as (
    select * exclude (text_kind)
    from text_hits
    where text_kind = 'described'
),

matched_elements as (
    select element_hits.*
    from element_hits
    inner join groups_needed using (treaty_id, article_no, element, language, is_contradiction)
    where element_hits.count_hit_groups = groups_needed.count_groups
),

per_article as (
    select
        claim_id,
        treaty_id,
        article_no,
        count(*) filter (where not is_contradiction) as count_elements,
        coalesce(bool_or(element = 'trigger' and not is_contradiction), false) as has_trigger,
        coalesce(bool_or(element = 'obligation' and not is_contradiction), false) as has_obligation,
        coalesce(bool_or(element = 'means' and not is_contradiction), false) as has_means,
        -- Sorted after aggregating: the string an ordered string_agg gives, at less cost.
        array_to_string(list_sort(list(element) filter (where not is_contradiction)), ', ') as elements,
        array_to_string(list_sort(list(element || ' (' || value || ')') filter (where is_contradiction)), '; ') as contradicted,
    from matched_elements
    group by all
),

claimed as (
    select
        resolved.claim_id,
        coalesce(per_article.count_elements, 0) as count_elements,
        coalesce(per_article.has_trigger, false) as has_trigger,
        coalesce(per_article.has_obligation, false) as has_obligation,
        coalesce(per_article.has_means, false) as has_means,
        nullif(per_article.elements, '') as elements,
        -- A negated text may be denying the contradicting reading ("the use of force is not
        -- automatic"): it is never refuted on it.
        case when not coalesce(resolved.is_negated, false) then nullif(per_article.contradicted, '') end as contradicted,
        nullif(per_article.contradicted, '') is not null as has_contradiction,
    from resolved
    left join per_article
        on per_article.claim_id = resolved.claim_id
        and per_article.article_no = resolved.article_no
),

best_other as (
    select per_article.*
    from per_article
    inner join resolved on resolved.claim_id = per_article.claim_id
    where per_article.article_no <> resolved.article_no and per_article.count_elements > 0
    qualify row_number() over (partition by per_article.claim_id order by per_article.count_elements desc, per_article.has_obligation desc, per_article.article_no) = 1
),

denied_hits as (
    -- Elements of the claimed article inside what a negated verb governs (negated_norm).
    select text_hits.*
    from text_hits
    inner join resolved
        on resolved.claim_id = text_hits.claim_id
        and resolved.article_no = text_hits.article_no
    where text_hits.text_kind = 'denied' and not text_hits.is_contradiction
),

denied as (
    -- What the text denies of the claimed article that the article provides, its obligation
    -- first.
    select
        denied_hits.claim_id,
        bool_or(denied_hits.element in ('obligation', 'means')) as has_duty,
        string_agg(denied_hits.element || ' (' || denied_hits.value || ')', '; ' order by denied_hits.element <> 'obligation', denied_hits.element) as denied_values,
    from denied_hits
    inner join groups_needed using (treaty_id, article_no, element, language, is_contradiction)
    where denied_hits.count_hit_groups = groups_needed.count_groups
    group by denied_hits.claim_id
),

duty_elements as (
    -- The obligation (and means) the pack gives the claimed article, quoted when a stated duty
    -- does not match it.
    select distinct
        resolved.claim_id,
        clause_elements.element,
        clause_elements.value,
    from resolved
    inner join clause_elements
        on clause_elements.treaty_id = resolved.treaty_id
        and clause_elements.article_no = resolved.article_no
        and clause_elements.language = resolved.language
        and clause_elements.element in ('obligation', 'means')
        and not clause_elements.is_contradiction
    where resolved.obligation_text is not null
),

duties as (
    -- The obligation first, then the means.
    select claim_id, string_agg(value, '; ' order by element desc, value) as duty_values
    from duty_elements
    group by claim_id
),

facts as (
    select
        resolved.claim_id,
        resolved.treaty_id,
        resolved.article_no,
        resolved.treaty_resolution,
        resolved.treaty_text,
        resolved.obligation_text,
        resolved.is_inferred,
        resolved.tied_names,
        coalesce(resolved.is_negated, false) as is_negated,
        treaties.name as treaty_name,
        treaties.pack_name as treaty_pack_name,
        resolved.evidence_fingerprint,
        own.summary as own_summary,
        own.source as own_source,
        own.article_no is not null as is_article_known,
        claimed.count_elements,
        claimed.has_trigger,
        claimed.has_obligation,
        claimed.elements,
        claimed.contradicted,
        -- The text says the article imposes a duty, the pack knows the article's duty, and
        -- none of it is recognised: what the text says the parties must do is unchecked.
        resolved.obligation_text is not null
        and duty_articles.article_no is not null
        and not (claimed.has_obligation or claimed.has_means) as is_duty_unmatched,
        duties.duty_values,
        -- The negated verb denies the claimed article's own duty, and no word of the text
        -- contradicts the article (a negation then denies that reading: "is not automatic").
        coalesce(denied.has_duty, false) and not coalesce(claimed.has_contradiction, false) as is_own_denied,
        denied.denied_values,
        discretionary_articles.article_no is not null as is_discretionary,
        -- The text is negated, describes none of the claimed article's content and does
        -- describe another article's (two elements, or its obligation).
        coalesce(resolved.is_negated, false)
        and coalesce(claimed.count_elements, 0) = 0
        and claimed.contradicted is null
        and (coalesce(best_other.count_elements, 0) >= 2 or coalesce(best_other.has_obligation, false)) as is_denied_other,
        best_other.article_no as other_article_no,
        coalesce(best_other.count_elements, 0) as other_count_elements,
        coalesce(best_other.has_obligation, false) as other_has_obligation,
        other.summary as other_summary,
        other.source as other_source,
    from resolved
    left join treaties on treaties.treaty_id = resolved.treaty_id
    left join treaty_articles as own on own.treaty_id = resolved.treaty_id and own.article_no = resolved.article_no
    left join claimed on claimed.claim_id = resolved.claim_id
    left join best_other on best_other.claim_id = resolved.claim_id
    left join treaty_articles as other on other.treaty_id = resolved.treaty_id and other.article_no = best_other.article_no
    left join duty_articles
        on duty_articles.treaty_id = resolved.treaty_id
        and duty_articles.article_no = resolved.article_no
        and duty_articles.language = resolved.language
    left join duties on duties.claim_id = resolved.claim_id
    left join denied on denied.claim_id = resolved.claim_id
    left join discretionary_articles
        on discretionary_articles.treaty_id = resolved.treaty_id
        and discretionary_articles.article_no = resolved.article_no
),

decided as (
    select
        *,
        case
            when treaty_id is null then 'not_enough_evidence'
            -- A negated text that describes only another article's content denies that reading
            -- ("Article 4 does not merely provide for consultations", "It is not true that Article
            -- 4 only requires consultations"): not refuted on it, nor supported, since the
            -- negation may bear on something else (see is_denied_other).
            when is_denied_other then 'not_enough_evidence'
            when count_elements = 0 and other_count_elements >= 2 and contradicted is null then 'refuted'
            when not is_article_known then 'not_enough_evidence'
            -- "Article 4 does not provide for military assistance" of the article that does.
            -- Of an article that leaves the action to the parties ("Article 5 does not oblige the
            -- allies to provide military assistance") the denial may be true: not checked.
            when is_own_denied and is_discretionary then 'not_enough_evidence'
            when is_own_denied then 'refuted'
            -- Partly right (another element agrees), partly contradicted: conflicting.
            when contradicted is not null and count_elements >= 1 then 'conflicting'
            when contradicted is not null then 'refuted'
            when has_trigger and not has_obligation and other_has_obligation and not is_negated then 'conflicting'
            when not has_obligation and other_has_obligation and other_count_elements > count_elements and not is_negated then 'refuted'
            when is_duty_unmatched then 'not_enough_evidence'
            when count_elements >= 1 then 'supported'
            else 'not_enough_evidence'
        end as verdict,
    from facts
),

deciding as (
    -- Which article decided: the claimed one, or the other article whose content the text
    -- describes (null when none did).
    select
        *,
        case
            when verdict in ('supported', 'conflicting') then 'own'
            when verdict = 'refuted' and (contradicted is not null or is_own_denied) then 'own'
            when verdict = 'refuted' then 'other'
            when is_denied_other then 'other'
            when is_duty_unmatched and is_article_known then 'own'
            when is_own_denied then 'own'
        end as deciding_article,
    from decided
),

versioned as (
    -- The deciding treaty's pack version, and every pack's for a claim no article decided.
    select
        deciding.*,
        packs.reference_version as pack_reference_version,
        all_versions.reference_versions as all_reference_versions,
    from deciding
    cross join all_versions
    left join packs on packs.pack_name = deciding.treaty_pack_name
),

explained as (
    select
        claim_id,
        treaty_id,
        verdict,
        case deciding_article
            when 'own' then 'treaty:' || treaty_id || ':art' || article_no
            when 'other' then 'treaty:' || treaty_id || ':art' || other_article_no
        end as reference_id,
        case deciding_article when 'own' then own_summary when 'other' then other_summary end as evidence,
        case deciding_article when 'own' then own_source when 'other' then other_source end as evidence_source,
        elements as matched_elements,
        case when is_inferred then 'No treaty is named, and only one treaty in the reference pack has an Article ' || article_no || ' that fits the description: ' else '' end
        || case
            -- The label extraction gives an article of another legal text (claims.NOT_A_TREATY).
            when treaty_id is null and treaty_resolution = 'legal text that is not a treaty'
                then 'Article ' || article_no || ' belongs to a legal text that is not a treaty (' || treaty_text || '); the reference pack holds treaties only.'
            when treaty_id is null and tied_names is not null
                then 'No treaty is named for Article ' || article_no || ', and the article of that number of several treaties in the reference pack fits the description alike (' || tied_names || '): which one is meant is ambiguous.'
            when treaty_id is null and treaty_resolution is null
                then 'No treaty is named for Article ' || article_no || ', and no treaty in the reference pack has an Article ' || article_no || ' that fits the description well enough to tell which one is meant.'
            when treaty_id is null
                then 'The treaty this article number belongs to is not in the reference pack' || coalesce(' (' || treaty_resolution || ')', '') || '.'
            when verdict = 'refuted' and contradicted is not null
                then 'Article ' || article_no || ' of the ' || treaty_name || ' does not say what the text says of its ' || contradicted || '.'
            when verdict = 'conflicting' and contradicted is not null
                then 'Article ' || article_no || ' of the ' || treaty_name || ' agrees on the ' || elements || ', but not on what the text says of its ' || contradicted || '.'
            when is_own_denied and is_discretionary
                then
                    'The text denies that Article ' || article_no || ' of the ' || treaty_name || ' provides what it describes (' || denied_values
                    || '); the article leaves the action to each party, so it may not require it: a denial is not checked.'
            when verdict = 'refuted' and is_own_denied
                then 'The text denies that Article ' || article_no || ' of the ' || treaty_name || ' provides what it describes, but the article provides it: ' || denied_values || '.'
            when is_denied_other
                then 'The text denies that Article ' || article_no || ' of the ' || treaty_name || ' does what it describes, which is the content of Article ' || other_article_no || '; a denied reading is not checked.'
            when verdict = 'refuted'
                then 'What the text attributes to Article ' || article_no || ' of the ' || treaty_name || ' is the content of Article ' || other_article_no || '.'
            when verdict = 'conflicting'
                then 'Article ' || article_no || ' of the ' || treaty_name || ' has this trigger, but the obligation described belongs to Article ' || other_article_no || '.'
            when verdict = 'supported'
                then 'Article ' || article_no || ' of the ' || treaty_name || ' agrees on every element the text describes (' || elements || ').'
            when not is_article_known
                then 'The reference pack does not hold Article ' || article_no || ' of the ' || treaty_name || '.'
            when is_duty_unmatched
                then 'The text says Article ' || article_no || ' of the ' || treaty_name || ' "' || obligation_text || '" something its obligation does not match (' || duty_values || ')' || coalesce('; only its ' || elements || ' agrees', '') || '.'
            else 'The description could not be matched to any element of Article ' || article_no || ' of the ' || treaty_name || '.'
        end as reason,
        evidence_fingerprint,
        coalesce(case when deciding_article is not null then pack_reference_version end, all_reference_versions) as reference_version,
        cast(current_timestamp at time zone 'UTC' as timestamp) as verified_at,
    from versioned
)

select * from explained
