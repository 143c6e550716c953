"""Measure extraction and verification against the labelled set in ``tests/eval/``.

Layout: ``tests/eval/<lang>/<name>.txt`` (the article), ``<name>.meta.json`` (published,
language, outlet) and ``<name>.gold.yaml``::

    claims:
      - {type: event_date, anchor: "19 de junio de 2024", verdict: supported}

A predicted claim matches a gold claim when it has the same type and its ``claim_text``
contains the anchor (each prediction and each gold claim is matched at most once). Figures,
per claim type, per language and overall:

- recall: matched gold claims / gold claims;
- precision: matched predictions / predictions (in the labelled articles);
- verdict accuracy: matched pairs with the gold verdict / matched pairs.

Predictions come from ``factcheck check <files> --format jsonl`` (the console script, or
``python -m pipelines.cli`` when the script is not on PATH), so the measured code is the
shipped code. ``python -m pipelines.evaluate tests/eval --min 0.9`` exits 1 when any figure of
any language is below 0.9.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pipelines import yamlio


ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".json")
CLAIM_TYPES = ("treaty_clause", "event_date", "quote", "office_holder", "quantity")
VERDICTS = ("supported", "refuted", "not_enough_evidence", "conflicting")


@dataclass
class GoldClaim:
    path: str
    language: str
    claim_type: str
    anchor: str
    verdict: str


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    matched_gold: int = 0
    matched_pred: int = 0
    verdict_ok: int = 0

    def add(self, other: "Tally") -> None:
        for name in ("gold", "predicted", "matched_gold", "matched_pred", "verdict_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def _ratio(num: int, den: int) -> float | None:
        return num / den if den else None

    @property
    def recall(self) -> float | None:
        return self._ratio(self.matched_gold, self.gold)

    @property
    def precision(self) -> float | None:
        return self._ratio(self.matched_pred, self.predicted)

    @property
    def verdict_accuracy(self) -> float | None:
        return self._ratio(self.verdict_ok, self.matched_gold)

    def as_dict(self) -> dict:
        return {
            "gold": self.gold, "predicted": self.predicted, "matched": self.matched_gold,
            "recall": self.recall, "precision": self.precision, "verdict_accuracy": self.verdict_accuracy,
        }


@dataclass
class Result:
    by_language: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_type: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_language_type: dict[tuple[str, str], Tally] = field(default_factory=lambda: defaultdict(Tally))
    overall: Tally = field(default_factory=Tally)
    misses: list[dict] = field(default_factory=list)
    spurious: list[dict] = field(default_factory=list)
    wrong_verdicts: list[dict] = field(default_factory=list)


# --------------------------------------------------------------------------- loading

def find_articles(folder: Path) -> list[Path]:
    """Every article in ``folder`` that has a gold file next to it."""
    articles = []
    for gold in sorted(folder.rglob("*.gold.yaml")):
        stem = gold.name[: -len(".gold.yaml")]
        found = [gold.with_name(stem + suffix) for suffix in ARTICLE_SUFFIXES if gold.with_name(stem + suffix).exists()]
        if not found:
            raise SystemExit(f"evaluate: {gold}: no article file next to it ({stem}.txt, .md, .html or .json)")
        articles.append(found[0])
    return articles


def load_gold(article: Path) -> list[GoldClaim]:
    stem = article.name[: -len(article.suffix)]
    gold_path = article.with_name(stem + ".gold.yaml")
    meta_path = article.with_name(stem + ".meta.json")
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    language = meta.get("language") or article.parent.name
    data = yamlio.safe_load(gold_path.read_text(encoding="utf-8")) or {}
    text = article.read_text(encoding="utf-8")
    claims = []
    for index, row in enumerate(data.get("claims") or [], start=1):
        claim_type, anchor, verdict = row.get("type"), row.get("anchor"), row.get("verdict")
        if claim_type not in CLAIM_TYPES or verdict not in VERDICTS or not anchor:
            raise SystemExit(f"evaluate: {gold_path}: claim {index}: needs type ({'/'.join(CLAIM_TYPES)}), anchor and verdict ({'/'.join(VERDICTS)})")
        if anchor not in text:
            raise SystemExit(f"evaluate: {gold_path}: claim {index}: anchor {anchor!r} is not in the article")
        claims.append(GoldClaim(str(article.resolve()), language, claim_type, anchor, verdict))
    return claims


# --------------------------------------------------------------------------- predicting

def _factcheck_command() -> list[str]:
    script = shutil.which("factcheck")
    if script is None:
        candidate = Path(sys.executable).with_name("factcheck")
        script = str(candidate) if candidate.exists() else None
    return [script] if script else [sys.executable, "-m", "pipelines.cli"]


def predict_with_cli(articles: list[Path]) -> list[dict]:
    command = _factcheck_command() + ["--quiet", "check", *map(str, articles), "--format", "jsonl"]
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8")
    if done.returncode != 0:
        # Older CLIs may not know --quiet; retry once without it before giving up.
        command = [c for c in command if c != "--quiet"]
        done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8")
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:3])} ... failed ({done.returncode}): {done.stderr.strip().splitlines()[-1:] or ''}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip().startswith("{")]


def predict_in_process(articles: list[Path]) -> list[dict]:
    """Extraction only (no verdicts): the fallback when the CLI cannot run."""
    from pipelines.extract.claims import extract_claims
    from pipelines.extract.lexicon import load_lexicons
    from pipelines.ingest.articles import build_articles
    from pipelines.ingest.readers import read_inputs
    from pipelines.reference.pack import discover_packs, to_tables
    from pipelines.settings import load_settings

    settings = load_settings()
    data = Path(getattr(settings, "data_dir", "data"))
    lexicons = load_lexicons(data / "lexicons")
    ref = to_tables(discover_packs(data / "reference").packs)
    read = read_inputs([str(a) for a in articles])
    frame, _ = build_articles(read.records, lexicons)
    claims = extract_claims(frame, ref, lexicons)
    return [{**row, "verdict": None} for row in claims.select("source_path", "claim_type", "claim_text", "language").to_dicts()]


# --------------------------------------------------------------------------- scoring

def score(gold: list[GoldClaim], predictions: list[dict], articles: list[Path]) -> Result:
    result = Result()
    by_path: dict[str, list[dict]] = defaultdict(list)
    for row in predictions:
        by_path[str(Path(row["source_path"]).resolve())].append(row)
    gold_by_path: dict[str, list[GoldClaim]] = defaultdict(list)
    for g in gold:
        gold_by_path[g.path].append(g)
    languages = {str(a.resolve()): (gold_by_path[str(a.resolve())][0].language if gold_by_path[str(a.resolve())] else a.parent.name) for a in articles}

    for path in sorted(languages):
        language = languages[path]
        preds = by_path.get(path, [])
        golds = gold_by_path.get(path, [])
        used: set[int] = set()
        matched_gold: list[tuple[GoldClaim, dict]] = []
        unmatched_gold: list[GoldClaim] = []
        # Longest anchors first: they are the most specific; each takes the shortest
        # prediction that contains it, so one long span cannot swallow two claims.
        for g in sorted(golds, key=lambda c: -len(c.anchor)):
            options = [(len(p["claim_text"]), i) for i, p in enumerate(preds) if i not in used and p["claim_type"] == g.claim_type and g.anchor in p["claim_text"]]
            if options:
                _, best = min(options)
                used.add(best)
                matched_gold.append((g, preds[best]))
            else:
                unmatched_gold.append(g)
        tallies: dict[str, Tally] = defaultdict(Tally)
        for g in golds:
            tallies[g.claim_type].gold += 1
        for p in preds:
            tallies[p["claim_type"]].predicted += 1
        for g, p in matched_gold:
            t = tallies[g.claim_type]
            t.matched_gold += 1
            t.matched_pred += 1
            if p.get("verdict") == g.verdict:
                t.verdict_ok += 1
            else:
                result.wrong_verdicts.append({"path": path, "type": g.claim_type, "anchor": g.anchor, "gold": g.verdict, "predicted": p.get("verdict"), "reason": p.get("reason")})
        for g in unmatched_gold:
            result.misses.append({"path": path, "type": g.claim_type, "anchor": g.anchor})
        for i, p in enumerate(preds):
            if i not in used:
                result.spurious.append({"path": path, "type": p["claim_type"], "claim_text": p["claim_text"]})
        for claim_type, t in tallies.items():
            result.by_language[language].add(t)
            result.by_type[claim_type].add(t)
            result.by_language_type[(language, claim_type)].add(t)
            result.overall.add(t)
    return result


# --------------------------------------------------------------------------- output

def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def render(result: Result, *, min_score: float, verbose: bool) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    con = Console()
    for title, rows in (
        ("By claim type", sorted(result.by_type.items())),
        ("By language", sorted(result.by_language.items())),
    ):
        table = Table(title=title)
        for col in ("", "gold", "predicted", "matched", "recall", "precision", "verdict accuracy"):
            table.add_column(col, justify="left" if not col else "right")
        for name, t in rows:
            cells = []
            for value in (t.recall, t.precision, t.verdict_accuracy):
                text = _fmt(value)
                cells.append(f"[red]{text}[/red]" if value is not None and value < min_score else text)
            table.add_row(name, str(t.gold), str(t.predicted), str(t.matched_gold), *cells)
        o = result.overall
        table.add_row("[bold]overall[/bold]", str(o.gold), str(o.predicted), str(o.matched_gold), _fmt(o.recall), _fmt(o.precision), _fmt(o.verdict_accuracy), end_section=True)
        con.print(table)
    if verbose:
        for label, items in (("missed", result.misses), ("spurious", result.spurious), ("wrong verdict", result.wrong_verdicts)):
            for item in items:
                detail = json.dumps({k: v for k, v in item.items() if k != "path"}, ensure_ascii=False)
                con.print(f"[dim]{label}[/dim] {escape(Path(item['path']).parent.name + '/' + Path(item['path']).name)}: {escape(detail)}", highlight=False, soft_wrap=True)


def as_json(result: Result) -> dict:
    return {
        "overall": result.overall.as_dict(),
        "by_language": {k: v.as_dict() for k, v in sorted(result.by_language.items())},
        "by_type": {k: v.as_dict() for k, v in sorted(result.by_type.items())},
        "by_language_type": {f"{lang}/{t}": v.as_dict() for (lang, t), v in sorted(result.by_language_type.items())},
        "misses": result.misses, "spurious": result.spurious, "wrong_verdicts": result.wrong_verdicts,
    }


def failing_languages(result: Result, min_score: float) -> list[str]:
    bad = []
    for language, t in sorted(result.by_language.items()):
        figures = [v for v in (t.recall, t.precision, t.verdict_accuracy) if v is not None]
        if any(v < min_score for v in figures):
            bad.append(language)
    return bad


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines.evaluate", description="Recall, precision and verdict accuracy against a labelled set.")
    parser.add_argument("folder", nargs="?", default="tests/eval", type=Path, help="folder of <lang>/<name>.txt + .meta.json + .gold.yaml (default tests/eval)")
    parser.add_argument("--min", type=float, default=0.0, dest="min_score", help="exit 1 if any language has a figure below this (default 0.0)")
    parser.add_argument("--json", action="store_true", help="print the figures (and every miss) as JSON instead of tables")
    parser.add_argument("--language", action="append", help="only these languages (repeatable)")
    parser.add_argument("--verbose", "-v", action="store_true", help="list missed, spurious and wrongly judged claims")
    parser.add_argument("--extract-only", action="store_true", help="skip the CLI and verification: extraction figures only")
    args = parser.parse_args(argv)

    if not args.folder.is_dir():
        print(f"evaluate: {args.folder}: not a folder", file=sys.stderr)
        return 2
    articles = find_articles(args.folder)
    if args.language:
        articles = [a for a in articles if a.parent.name in args.language]
    if not articles:
        print(f"evaluate: no labelled articles (*.gold.yaml) under {args.folder}", file=sys.stderr)
        return 2
    gold = [g for a in articles for g in load_gold(a)]
    if args.extract_only:
        predictions = predict_in_process(articles)
    else:
        try:
            predictions = predict_with_cli(articles)
        except (RuntimeError, OSError) as exc:
            print(f"evaluate: factcheck check failed ({exc}); falling back to extraction only", file=sys.stderr)
            predictions = predict_in_process(articles)
    result = score(gold, predictions, articles)
    if args.json:
        print(json.dumps(as_json(result), ensure_ascii=False, indent=2))
    else:
        render(result, min_score=args.min_score, verbose=args.verbose)
    bad = failing_languages(result, args.min_score)
    if bad:
        print(f"evaluate: below {args.min_score:.2f}: {', '.join(bad)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
