"""HTML for the static report: pure functions from rows to strings (no I/O, no network).

Pages carry their CSS, JavaScript and the SVG chart inline, and a Content-Security-Policy that
forbids loading anything else, so the folder opens from disk anywhere.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from pipelines.ingest.meta import clean_url

VERDICTS = ("supported", "refuted", "conflicting", "not_enough_evidence")
VERDICT_LABELS = {"supported": "Supported", "refuted": "Refuted", "conflicting": "Conflicting", "not_enough_evidence": "Not enough evidence"}
VERDICT_COLOURS = {"supported": "#2da44e", "refuted": "#cf222e", "conflicting": "#d4a72c", "not_enough_evidence": "#8c959f"}

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

CSS = """
:root{--supported:#2da44e;--refuted:#cf222e;--conflicting:#d4a72c;--not_enough_evidence:#8c959f}
*{box-sizing:border-box}
body{font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
header{background:#24292f;color:#f6f8fa;padding:14px 24px}
header h1{font-size:22px;margin:0 0 4px}
header a{color:#9ecbff}
.meta{font-size:13px;color:#57606a}
header .meta{color:#c9d1d9}
main{padding:16px 24px;max-width:1320px;margin:auto}
a{color:#0969da}
h2{font-size:18px;margin:24px 0 8px}
.stats{display:flex;flex-wrap:wrap;gap:12px;margin:8px 0 16px}
.stat{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:8px 14px;min-width:110px}
.stat b{display:block;font-size:24px}
.stat.v-supported b{color:var(--supported)}.stat.v-refuted b{color:var(--refuted)}
.stat.v-conflicting b{color:#9a6700}.stat.v-not_enough_evidence b{color:#57606a}
table{border-collapse:collapse;background:#fff;font-size:14px}
th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.chart{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:8px;max-width:100%;overflow-x:auto}
.legend{display:flex;flex-wrap:wrap;gap:14px;font-size:13px;margin:6px 0}
.legend span::before{content:"";display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:5px;vertical-align:-1px;background:var(--c)}
.layout{display:grid;grid-template-columns:minmax(0,3fr) minmax(300px,2fr);gap:24px;align-items:start}
@media (max-width:900px){.layout{grid-template-columns:1fr}}
.text{white-space:pre-wrap;overflow-wrap:anywhere;background:#fff;padding:20px 24px;border:1px solid #d0d7de;border-radius:6px;font-size:17px;line-height:1.7}
mark.claim{color:inherit;border-bottom:3px solid var(--not_enough_evidence);background:rgba(140,149,159,.18);cursor:pointer;padding:2px 0;border-radius:2px}
mark.claim.v-supported{background:rgba(45,164,78,.18);border-bottom-color:var(--supported)}
mark.claim.v-refuted{background:rgba(207,34,46,.16);border-bottom-color:var(--refuted)}
mark.claim.v-conflicting{background:rgba(212,167,44,.26);border-bottom-color:var(--conflicting)}
mark.claim mark.claim{border-bottom-style:double;border-bottom-width:4px}
mark.claim.active{outline:2px solid #0969da;outline-offset:1px}
mark.claim:focus-visible{outline:2px dashed #0969da}
.cards{position:sticky;top:8px;max-height:calc(100vh - 16px);overflow:auto;padding-right:4px}
.card{background:#fff;border:1px solid #d0d7de;border-left:6px solid var(--not_enough_evidence);border-radius:6px;padding:10px 12px;margin-bottom:10px;font-size:14px;cursor:pointer}
.card.v-supported{border-left-color:var(--supported)}.card.v-refuted{border-left-color:var(--refuted)}.card.v-conflicting{border-left-color:var(--conflicting)}
.card.active,.card:target{box-shadow:0 0 0 3px rgba(9,105,218,.35)}
.card q{font-style:italic}
.card blockquote{margin:6px 0;padding:4px 10px;border-left:3px solid #d0d7de;color:#424a53}
.card dl{display:grid;grid-template-columns:auto 1fr;gap:2px 10px;margin:6px 0 0}
.card dt{color:#57606a}.card dd{margin:0;overflow-wrap:anywhere}
.badge{display:inline-block;font-size:12px;font-weight:600;padding:1px 8px;border-radius:10px;color:#fff;background:var(--not_enough_evidence)}
.badge.v-supported{background:var(--supported)}.badge.v-refuted{background:var(--refuted)}.badge.v-conflicting{background:var(--conflicting);color:#1f2328}
.type{font-size:12px;color:#57606a;margin-left:6px}
.kind{color:#57606a}
.warn{color:#9a6700}
footer{font-size:12px;color:#57606a;padding:16px 24px}
"""

JS = """
(function(){
  function esc(v){return window.CSS&&CSS.escape?CSS.escape(v):v.replace(/"/g,'\\\\"');}
  function select(id, from){
    document.querySelectorAll('.active').forEach(function(el){el.classList.remove('active');});
    var sel='[data-claim-id="'+esc(id)+'"]';
    document.querySelectorAll(sel).forEach(function(el){el.classList.add('active');});
    var target=from==='mark'?document.querySelector('.card'+sel):document.querySelector('mark'+sel);
    if(target){target.scrollIntoView({block:'nearest',behavior:'smooth'});}
  }
  document.addEventListener('click',function(e){
    var m=e.target.closest('mark.claim');
    if(m){select(m.dataset.claimId,'mark');return;}
    var c=e.target.closest('.card');
    if(c&&!e.target.closest('a')){select(c.dataset.claimId,'card');}
  });
  document.addEventListener('keydown',function(e){
    var m=e.target.closest&&e.target.closest('mark.claim');
    if(m&&(e.key==='Enter'||e.key===' ')){e.preventDefault();select(m.dataset.claimId,'mark');}
  });
  if(location.hash.indexOf('#claim-')===0){select(decodeURIComponent(location.hash.slice(7)),'card');}
})();
"""


def esc(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def article_filename(article_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", article_id) + ".html"


def claim_anchor(claim_id: str) -> str:
    return f"claim-{claim_id}"


def page(title: str, body: str, *, lang: str = "en", script: bool = False) -> str:
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n"
        + (f"<script>{JS}</script>\n" if script else "")
        + "</body>\n</html>\n"
    )


# --------------------------------------------------------------------------- highlighting

@dataclass(frozen=True)
class Span:
    claim_id: str
    start: int
    end: int
    verdict: str
    claim_type: str
    reason: str = ""


def placeable(text: str, span: Span, claim_text: str | None) -> bool:
    """The offsets are inside the text and (when given) cut out exactly ``claim_text``."""
    if not (0 <= span.start < span.end <= len(text)):
        return False
    return claim_text is None or text[span.start:span.end] == claim_text


def _open(span: Span, depth: int, continued: bool) -> str:
    title = f"{VERDICT_LABELS.get(span.verdict, span.verdict)} · {span.claim_type} — {span.reason}"
    attrs = [
        f'class="claim v-{esc(span.verdict)} depth-{depth}"',
        f'data-claim-id="{esc(span.claim_id)}"',
        f'data-verdict="{esc(span.verdict)}"',
        f'data-claim-type="{esc(span.claim_type)}"',
        f'title="{esc(title)}"',
    ]
    attrs.append('data-part="continued"' if continued else 'tabindex="0"')
    return "<mark " + " ".join(attrs) + ">"


def highlight(text: str, spans: Iterable[Span]) -> str:
    """The text as HTML with one ``<mark>`` per claim span.

    Nested spans become nested marks; spans that cross are split at the crossing, each piece
    carrying the same ``data-claim-id`` (continuations say ``data-part="continued"``).
    """
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    out: list[str] = []
    stack: list[Span] = []
    for a, b in zip(cuts, cuts[1:]):
        covering = sorted((s for s in spans if s.start <= a and s.end >= b), key=lambda s: (s.start, -s.end, s.claim_id))
        keep = 0
        while keep < len(stack) and keep < len(covering) and stack[keep] == covering[keep]:
            keep += 1
        while len(stack) > keep:
            out.append("</mark>")
            stack.pop()
        for span in covering[keep:]:
            out.append(_open(span, len(stack), continued=span.start < a))
            stack.append(span)
        out.append(esc(text[a:b]))
    out.extend("</mark>" for _ in stack)
    return "".join(out)


# --------------------------------------------------------------------------- chart

def verdict_chart(rows: list[dict], *, width: int = 760) -> str:
    """Stacked horizontal bars: one per (language, claim type), segments by verdict.

    ``rows``: dicts with ``language``, ``claim_type``, ``verdict``, ``n``.
    """
    groups: dict[tuple[str, str], dict[str, int]] = {}
    for r in rows:
        key = (r["language"] or "?", r["claim_type"])
        groups.setdefault(key, {})[r["verdict"]] = groups.get(key, {}).get(r["verdict"], 0) + int(r["n"])
    label_w, bar_w, row_h, head_h, top = 200, width - 260, 24, 22, 8
    if not groups:
        return f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="40" aria-label="No claims"><text x="10" y="25">No claims</text></svg>'
    scale = bar_w / max(sum(v.values()) for v in groups.values())
    parts: list[str] = []
    y = top
    for language in sorted({k[0] for k in groups}):
        parts.append(f'<text x="4" y="{y + 15}" font-weight="600" font-size="13">language: {esc(language)}</text>')
        y += head_h
        for (lang, claim_type), counts in sorted(groups.items()):
            if lang != language:
                continue
            parts.append(f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end" font-size="13">{esc(claim_type)}</text>')
            x = float(label_w)
            for verdict in VERDICTS:
                n = counts.get(verdict, 0)
                if not n:
                    continue
                w = n * scale
                parts.append(
                    f'<rect class="bar" x="{x:.1f}" y="{y + 2}" width="{w:.1f}" height="{row_h - 6}" fill="{VERDICT_COLOURS[verdict]}" '
                    f'data-verdict="{esc(verdict)}" data-claim-type="{esc(claim_type)}" data-language="{esc(language)}" data-count="{n}">'
                    f"<title>{esc(language)} · {esc(claim_type)} · {esc(VERDICT_LABELS[verdict])}: {n}</title></rect>"
                )
                if w >= 18:
                    fill = "#1f2328" if verdict == "conflicting" else "#fff"
                    parts.append(f'<text x="{x + w / 2:.1f}" y="{y + 16}" text-anchor="middle" font-size="12" fill="{fill}">{n}</text>')
                x += w
            parts.append(f'<text x="{x + 6:.1f}" y="{y + 16}" font-size="12" fill="#57606a">{sum(counts.values())}</text>')
            y += row_h
    height = y + top
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-label="Verdicts by claim type and language" font-family="system-ui, sans-serif">'
        f'<line x1="{label_w}" y1="{top}" x2="{label_w}" y2="{height - top}" stroke="#d0d7de"/>' + "".join(parts) + "</svg>"
    )


def legend() -> str:
    return '<div class="legend">' + "".join(
        f'<span style="--c:{VERDICT_COLOURS[v]}">{esc(VERDICT_LABELS[v])}</span>' for v in VERDICTS
    ) + "</div>"


# --------------------------------------------------------------------------- pages

def _stats(counts: dict[str, int], extra: list[tuple[str, int]]) -> str:
    cells = [f'<div class="stat"><b>{n}</b>{esc(label)}</div>' for label, n in extra]
    cells += [f'<div class="stat v-{v}"><b>{counts.get(v, 0)}</b>{esc(VERDICT_LABELS[v])}</div>' for v in VERDICTS]
    return '<div class="stats">' + "".join(cells) + "</div>"


def _verdict_counts(claims: list[dict]) -> dict[str, int]:
    out: dict[str, int] = {}
    for c in claims:
        out[c["verdict"]] = out.get(c["verdict"], 0) + 1
    return out


def _article_table(rows: list[dict], href_prefix: str) -> str:
    """The articles table of the index and the month pages: one row per article with its counts."""
    lines = []
    for a in rows:
        lines.append(
            "<tr>"
            f'<td><a href="{href_prefix}articles/{esc(article_filename(a["article_id"]))}">{esc(a["title"] or a["source_path"])}</a></td>'
            f'<td>{esc(a["outlet"])}</td><td>{esc(a["published_on"])}</td><td>{esc(a["language"])}</td>'
            f'<td class="n">{int(a["claims"])}</td>' + "".join(f'<td class="n">{int(a[v])}</td>' for v in VERDICTS) + "</tr>"
        )
    head = "".join(f"<th>{esc(VERDICT_LABELS[v])}</th>" for v in VERDICTS)
    return (
        f'<table id="articles"><thead><tr><th>title</th><th>outlet</th><th>published</th><th>language</th><th>claims</th>{head}</tr></thead>'
        f'<tbody>{"".join(lines)}</tbody></table>'
    )


def month_filename(month: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", month) + ".html"


def _month_label(month: str) -> str:
    return "no publication date" if month == "undated" else month


def render_index(refresh, counts: dict[str, int], count_articles: int, latest: list[dict], months: list[dict],
                 chart_rows: list[dict]) -> str:
    """The front page: totals, the chart, the latest articles and one line per month.

    ``latest`` and the rows of ``months`` carry claim counts by verdict (``claims`` and one
    column per verdict); ``months`` rows also ``month`` and ``articles``.
    """
    table_rows = []
    for r in sorted(chart_rows, key=lambda r: (r["language"] or "", r["claim_type"], VERDICTS.index(r["verdict"]) if r["verdict"] in VERDICTS else 9)):
        table_rows.append(f'<tr><td>{esc(r["language"])}</td><td>{esc(r["claim_type"])}</td><td>{esc(r["verdict"])}</td><td class="n">{int(r["n"])}</td></tr>')
    month_lines = [
        f'<tr><td><a href="months/{esc(month_filename(m["month"]))}">{esc(_month_label(m["month"]))}</a></td>'
        f'<td class="n">{int(m["articles"])}</td><td class="n">{int(m["claims"])}</td>'
        + "".join(f'<td class="n">{int(m[v])}</td>' for v in VERDICTS) + "</tr>"
        for m in months
    ]
    latest_title = "Articles" if len(latest) >= count_articles else f"Latest {len(latest)} of {count_articles} articles"
    body = f"""<header><h1>Claim verdicts</h1>
<div class="meta">Refresh <code>{esc(refresh.refresh_id)}</code> · published {esc(f"{refresh.published_at:%Y-%m-%d %H:%M}")} UTC · references {esc(refresh.pack_versions)}</div></header>
<main>
{_stats(counts, [("articles", count_articles), ("claims", sum(counts.values()))])}
<h2>Verdicts by claim type and language</h2>
{legend()}
<div class="chart" id="chart">{verdict_chart(chart_rows)}</div>
<details><summary>The same numbers as a table</summary>
<table id="counts"><thead><tr><th>language</th><th>claim type</th><th>verdict</th><th>claims</th></tr></thead><tbody>{"".join(table_rows)}</tbody></table>
</details>
<h2>{esc(latest_title)}</h2>
{_article_table(latest, "")}
<h2>Articles by month of publication</h2>
<table id="months"><thead><tr><th>month</th><th>articles</th><th>claims</th>{"".join(f"<th>{esc(VERDICT_LABELS[v])}</th>" for v in VERDICTS)}</tr></thead>
<tbody>{"".join(month_lines)}</tbody></table>
</main>
<footer>Static report written by <code>factcheck report</code>; no server and no network needed.</footer>"""
    return page("Claim verdicts", body)


def render_month(refresh, month: str, articles: list[dict]) -> str:
    """Every article published in ``month`` (``undated``: without a publication date), newest first."""
    counts = {v: sum(int(a[v]) for a in articles) for v in VERDICTS}
    body = f"""<header><h1>Articles: {esc(_month_label(month))}</h1>
<div class="meta"><a href="../index.html">← all months</a> · page written in refresh <code>{esc(refresh.refresh_id)}</code></div></header>
<main>
{_stats(counts, [("articles", len(articles)), ("claims", sum(counts.values()))])}
{_article_table(articles, "../")}
</main>
<footer>Static report written by <code>factcheck report</code>; no server and no network needed.</footer>"""
    return page(f"Articles: {_month_label(month)}", body)


def _card(c: dict, placed: bool) -> str:
    verdict = c["verdict"]
    rows = [("reason", esc(c.get("reason")))]
    if c.get("reference_id"):
        rows.append(("reference", f"<code>{esc(c['reference_id'])}</code>"))
    if c.get("evidence_source"):
        rows.append(("source", esc(c["evidence_source"])))
    speaker = c.get("speaker_id") or c.get("speaker_text")
    if speaker:
        # Who speaks a quote: the pack's entity, else the article's words; a person, an organisation or a state.
        kind = f' <span class="kind">({esc(c["speaker_kind"])})</span>' if c.get("speaker_kind") else ""
        rows.append(("speaker", esc(speaker) + kind))
    if c.get("person_id"):
        rows.append(("person", esc(c["person_id"])))
    if c.get("date_value"):
        rows.append(("date", esc(c["date_value"])))
    rows.append(("offsets", f"{int(c['char_start'])}–{int(c['char_end'])}"))
    evidence = f"<blockquote class=\"evidence\">{esc(c['evidence'])}</blockquote>" if c.get("evidence") else ""
    note = "" if placed else '<p class="warn">The offsets do not match the article text, so this claim is not highlighted.</p>'
    return (
        f'<article class="card v-{esc(verdict)}" id="{esc(claim_anchor(c["claim_id"]))}" data-claim-id="{esc(c["claim_id"])}" '
        f'data-verdict="{esc(verdict)}" data-claim-type="{esc(c["claim_type"])}">'
        f'<span class="badge v-{esc(verdict)}">{esc(VERDICT_LABELS.get(verdict, verdict))}</span><span class="type">{esc(c["claim_type"])}</span>'
        f'<p><q>{esc(c["claim_text"])}</q></p>{evidence}'
        "<dl>" + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + f"</dl>{note}</article>"
    )


def render_article(refresh, article: dict, claims: list[dict]) -> tuple[str, int, list[str]]:
    """The article page, the number of claims highlighted and the ids that could not be placed."""
    text = article["text"] or ""
    spans, unplaced = [], []
    for c in claims:
        span = Span(c["claim_id"], int(c["char_start"]), int(c["char_end"]), c["verdict"], c["claim_type"], c.get("reason") or "")
        if placeable(text, span, c.get("claim_text")):
            spans.append(span)
        else:
            unplaced.append(c["claim_id"])
    cards = "".join(_card(c, c["claim_id"] not in unplaced) for c in claims) or "<p>No checkable claims were found in this article.</p>"
    link = clean_url(article.get("url"))
    url = f' · <a href="{esc(link)}" rel="noopener noreferrer">{esc(link)}</a>' if link else (
        f" · <code>{esc(article['url'])}</code>" if article.get("url") else "")
    month = article.get("month")
    month_link = f' · <a href="../months/{esc(month_filename(month))}">{esc(_month_label(month))}</a>' if month else ""
    body = f"""<header><h1>{esc(article["title"] or article["source_path"])}</h1>
<div class="meta">{esc(article["outlet"] or "unknown outlet")} · {esc(article["published_on"] or "date unknown")} · language {esc(article["language"])}{url}</div>
<div class="meta"><a href="../index.html">← all articles</a>{month_link} · file <code>{esc(article["source_path"])}</code> · article <code>{esc(article["article_id"])}</code> · page written in refresh <code>{esc(refresh.refresh_id)}</code></div></header>
<main>
{_stats(_verdict_counts(claims), [("claims", len(claims))])}
{legend()}
<div class="layout">
<div class="text" id="article-text" lang="{esc(article["language"] or "")}">{highlight(text, spans)}</div>
<aside class="cards" id="claims">{cards}</aside>
</div>
</main>
<footer>Click a highlighted span to see its verdict, reason, evidence and source; hover for a summary.</footer>"""
    return page(article["title"] or "Article", body, script=True), len(spans), unplaced
