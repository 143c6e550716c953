"""dbt_like_sql: discover SQL models, read their YAML headers, and derive dependencies with sqlglot.

One model per ``.sql`` file: folder = layer = schema (``staging``, ``intermediate``, ``marts``),
file stem = table name. A leading ``/* ... */`` block holds YAML: description, materialization
(table, view, incremental + unique_key), grain, columns, tests, tags, owner. See
``docs/sql_models.md`` for the format.

Every problem a user can make in a file is a :class:`ModelError` whose message is one line
starting with ``path:line:`` (the line where one is known).
"""

from __future__ import annotations

import graphlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import sqlglot
import yaml
from sqlglot import exp
from sqlglot.errors import ParseError, TokenError

from pipelines import yamlio
from pipelines.sqlmodels.macros import macros_called

LAYERS = ("staging", "intermediate", "marts")
MATERIALIZATIONS = ("table", "view", "incremental")
KNOWN_TESTS = ("not_null", "unique", "accepted_values", "relationships", "sql")
HEADER_KEYS = ("name", "schema", "description", "grain", "materialization", "unique_key", "delete_missing_from", "columns", "tests", "tags", "owner", "meta")
SEVERITIES = ("error", "warn")
_HEADER = re.compile(r"\A\s*/\*(?P<body>.*?)\*/", re.S)
_TEMPLATE_TAG = re.compile(r"\{%-?\s*(?P<stmt>.*?)\s*-?%\}|\{\{\s*(?P<expr>.*?)\s*\}\}", re.S)
_CHECK_NAME = re.compile(r"^[A-Za-z0-9_]+$")


class ModelError(ValueError):
    """A one-line problem with a model file, naming the file (and line where known)."""


@dataclass
class Test:
    kind: str
    column: str | None = None
    values: list | None = None
    to: str | None = None
    field: str | None = None
    sql: str | None = None
    name: str | None = None
    severity: str = "error"
    line: int | None = None

    @property
    def label(self) -> str:
        if self.name:
            return self.name
        return f"{self.kind}_{self.column}" if self.column else self.kind


@dataclass
class Model:
    name: str
    schema: str
    path: Path
    sql: str
    body: str
    description: str = ""
    grain: str | None = None
    materialization: str = "table"
    unique_key: list[str] = field(default_factory=list)
    # Incremental only: a merge also deletes the rows whose unique_key is no longer in this table.
    delete_missing_from: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    tests: list[Test] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    owner: str | None = None
    depends_on: list[str] = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    # The SQL as written (may hold ``{% if is_incremental() %}`` blocks and ``{{ this }}``),
    # the line of the file it starts on, and its rendering for an incremental run.
    template: str = ""
    body_line: int = 1
    incremental_body: str | None = None
    ref_lines: dict[str, int | None] = field(default_factory=dict, repr=False)

    @property
    def table(self) -> str:
        return f"{self.schema}.{self.name}"

    def render(self, *, incremental: bool = False) -> str:
        """The SELECT to run: the incremental rendering only for an incremental model."""
        if incremental and self.materialization == "incremental" and self.incremental_body is not None:
            return self.incremental_body
        return self.body


# --------------------------------------------------------------------------- helpers

def _where(path: Path, line: int | None) -> str:
    return f"{path}:{line}" if line else f"{path}"


def _line_of(text: str, pattern: str, first_line: int = 1, nth: int = 0) -> int | None:
    """1-based line (offset by ``first_line - 1``) of the ``nth`` regex match in ``text``."""
    found = list(re.finditer(pattern, text, re.M))
    if not found:
        return None
    return first_line + text[:found[min(nth, len(found) - 1)].start()].count("\n")


def render_template(template: str, *, incremental: bool, this: str, path: Path | None = None, first_line: int = 1) -> str:
    """Render the two template forms a model may use; every other ``{% %}``/``{{ }}`` is an error.

    ``{% if is_incremental() %} ... {% else %} ... {% endif %}`` keeps its first branch only on an
    incremental run (``not is_incremental()`` flips it); ``{{ this }}`` is the model's own table.
    Dropped text becomes blank lines, so line numbers in later errors still match the file.
    """
    out: list[str] = []
    stack: list[bool] = []  # whether each open block's current branch is kept
    pos = 0

    def keep() -> bool:
        return all(stack)

    def fail(match: re.Match, message: str) -> ModelError:
        line = first_line + template[:match.start()].count("\n")
        return ModelError(f"{_where(path, line)}: {message}")

    for match in _TEMPLATE_TAG.finditer(template):
        chunk = template[pos:match.start()]
        out.append(chunk if keep() else "\n" * chunk.count("\n"))
        pos = match.end()
        stmt, expr = match.group("stmt"), match.group("expr")
        if expr is not None:
            if expr != "this":
                raise fail(match, f"unknown template expression {{{{ {expr} }}}} (only {{{{ this }}}} is defined)")
            if keep():
                out.append(this)
            continue
        words = stmt.split()
        if stmt in ("if is_incremental()", "if is_incremental"):
            stack.append(incremental)
        elif stmt in ("if not is_incremental()", "if not is_incremental"):
            stack.append(not incremental)
        elif words == ["else"]:
            if not stack:
                raise fail(match, "{% else %} without {% if is_incremental() %}")
            stack[-1] = not stack[-1]
        elif words == ["endif"]:
            if not stack:
                raise fail(match, "{% endif %} without {% if is_incremental() %}")
            stack.pop()
        else:
            raise fail(match, f"unknown template tag {{% {stmt} %}} (only {{% if is_incremental() %}} / {{% else %}} / {{% endif %}})")
        out.append("\n" * match.group(0).count("\n"))
    if stack:
        line = first_line + template.count("\n")
        raise ModelError(f"{_where(path, line)}: {{% if is_incremental() %}} is never closed with {{% endif %}}")
    tail = template[pos:]
    out.append(tail if keep() else "\n" * tail.count("\n"))
    return "".join(out)


def parse_select(sql: str, path: Path | None = None, first_line: int = 1) -> exp.Query:
    """Parse one SELECT (DuckDB dialect) or raise a ModelError naming the file and line."""
    try:
        statements = [s for s in sqlglot.parse(sql, read="duckdb") if s is not None]
    except ParseError as exc:
        err = exc.errors[0] if exc.errors else {}
        line = first_line + err["line"] - 1 if err.get("line") else None
        description = err.get("description") or str(exc).splitlines()[0]
        near = (err.get("highlight") or "").strip()
        detail = f"{description} near {near!r}" if near else description
        raise ModelError(f"{_where(path, line)}: SQL does not parse ({detail.splitlines()[0]})") from exc
    except TokenError as exc:
        raise ModelError(f"{_where(path, first_line)}: SQL does not parse ({str(exc).splitlines()[0]})") from exc
    if not statements:
        raise ModelError(f"{_where(path, first_line)}: the model has no SQL (write one select statement)")
    if len(statements) > 1:
        raise ModelError(f"{_where(path, first_line)}: a model is one select statement, found {len(statements)} statements")
    tree = statements[0]
    if not isinstance(tree, exp.Query):
        raise ModelError(f"{_where(path, first_line)}: a model is one select statement, not {tree.key.upper()}")
    return tree


def table_refs(sql: str | exp.Expr, path: Path | None = None, first_line: int = 1) -> dict[str, int | None]:
    """``schema.table`` names the SQL reads, each with the file line of its first mention."""
    tree = parse_select(sql, path, first_line) if isinstance(sql, str) else sql
    # A schema-qualified name is always a table; a bare name is a CTE (or unqualified, which
    # the project style forbids for warehouse tables).
    refs: dict[str, int | None] = {}
    for table in tree.find_all(exp.Table):
        if table.db:
            line = table.this.meta.get("line") if isinstance(table.this, exp.Expr) else None
            ref = f"{table.db}.{table.name}"
            found = first_line + line - 1 if line else None
            if ref not in refs or (found and (refs[ref] is None or found < refs[ref])):
                refs[ref] = found
    return dict(sorted(refs.items()))


# --------------------------------------------------------------------------- header

def _parse_header(path: Path, text: str) -> tuple[dict, int, int]:
    """(header, first file line of the header text, offset where the SQL starts)."""
    match = _HEADER.match(text)
    if not match:
        if text.lstrip().startswith("/*"):
            raise ModelError(f"{path}:1: header comment /* is never closed with */")
        return {}, 1, 0
    body = match.group("body")
    header_line = text[:match.start("body")].count("\n") + 1
    try:
        header = yamlio.safe_load(body) or {}
    except yaml.YAMLError as exc:
        # Where the broken construct starts (an unclosed [ or {) beats where YAML gave up.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = header_line + mark.line if mark else header_line
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ModelError(f"{path}:{line}: header is not valid YAML ({problem})") from exc
    if not isinstance(header, dict):
        raise ModelError(f"{path}:{header_line}: header must be a YAML mapping (key: value lines)")
    for key in header:
        if key not in HEADER_KEYS:
            line = _line_of(body, rf"^[ \t]*{re.escape(str(key))}[ \t]*:", header_line)
            raise ModelError(f"{_where(path, line)}: unknown header key {key!r} (known: {', '.join(HEADER_KEYS)})")
    return header, header_line, match.end()


def _parse_tests(path: Path, raw, header_text: str, table: str) -> list[Test]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        line = _line_of(header_text, r"^[ \t]*tests[ \t]*:")
        raise ModelError(f"{_where(path, line)}: tests must be a list (- not_null: column)")
    tests: list[Test] = []
    kinds_seen: dict[str, int] = {}
    tests_at = _line_of(header_text, r"^[ \t]*tests[ \t]*:")
    for item in raw:
        if isinstance(item, str):
            item = {item: None}
        if not isinstance(item, dict) or len(item) != 1:
            raise ModelError(f"{_where(path, tests_at)}: test {item!r} must be a one-key mapping such as {{not_null: claim_id}}")
        kind, arg = next(iter(item.items()))
        kind = str(kind)
        # The nth test of a kind sits on the nth line naming that kind in the header.
        line = _line_of(header_text, rf"^[ \t]*-?[ \t]*\{{?[ \t]*{re.escape(kind)}\b", nth=kinds_seen.get(kind, 0))
        kinds_seen[kind] = kinds_seen.get(kind, 0) + 1
        where = _where(path, line)
        if kind not in KNOWN_TESTS:
            raise ModelError(f"{where}: unknown test {kind!r} (known: {', '.join(KNOWN_TESTS)})")
        options = arg if isinstance(arg, dict) else {}
        severity = options.get("severity", "error")
        if severity not in SEVERITIES:
            raise ModelError(f"{where}: test severity must be one of {', '.join(SEVERITIES)}, not {severity!r}")
        try:
            if kind in ("not_null", "unique"):
                column = options["column"] if isinstance(arg, dict) else arg
                if not isinstance(column, str) or not column:
                    raise KeyError("column")
                test = Test(kind=kind, column=column)
            elif kind == "accepted_values":
                values = options["values"]
                if not isinstance(values, list) or not values:
                    raise KeyError("values")
                test = Test(kind=kind, column=options["column"], values=list(values))
            elif kind == "relationships":
                test = Test(kind=kind, column=options["column"], to=options["to"], field=options.get("field", options["column"]))
                if "." not in str(test.to):
                    raise ModelError(f"{where}: relationships 'to' must be a schema.table name, not {test.to!r}")
            else:
                if isinstance(arg, str):
                    options = {"query": arg}
                query = re.sub(r"\{\{\s*this\s*\}\}", table, str(options["query"])).strip().rstrip(";")
                try:
                    parse_select(query, path)
                except ModelError as exc:
                    raise ModelError(f"{where}: sql test query does not parse ({str(exc).split('(', 1)[-1]}") from exc
                test = Test(kind="sql", sql=query, name=options.get("name"))
        except (KeyError, TypeError) as exc:
            needs = {
                "not_null": "a column (not_null: claim_id)",
                "unique": "a column (unique: claim_id)",
                "accepted_values": "column and a non-empty values list ({column: verdict, values: [a, b]})",
                "relationships": "column and to ({column: article_id, to: staging.stg_articles, field: article_id})",
                "sql": "a query returning the offending rows (sql: {name: x, query: select ...})",
            }[kind]
            raise ModelError(f"{where}: test {kind} needs {needs}") from exc
        test.severity = severity
        test.line = line
        if options.get("name") and kind != "sql":
            test.name = str(options["name"])
        if kind == "sql" and not test.name:
            test.name = "sql_test" if not any(t.kind == "sql" for t in tests) else f"sql_test_{sum(t.kind == 'sql' for t in tests) + 1}"
        if not _CHECK_NAME.match(test.label):
            raise ModelError(f"{where}: test name {test.label!r} may only hold letters, digits and underscores")
        if any(t.label == test.label for t in tests):
            raise ModelError(f"{where}: two tests are named {test.label!r}; give one a name")
        tests.append(test)
    return tests


# --------------------------------------------------------------------------- models

def load_model(path: Path, root: Path) -> Model:
    rel = path.relative_to(root)
    layer = rel.parts[0] if len(rel.parts) > 1 else None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ModelError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    header, header_line, sql_start = _parse_header(path, text)
    header_text = text[:sql_start]
    schema = header.get("schema") or layer
    if schema is None:
        raise ModelError(f"{path}: put the model in a layer folder ({', '.join(LAYERS)}) or name its schema in the header")
    name = str(header.get("name") or path.stem)
    for label, value in (("schema", schema), ("table", name)):
        if not re.match(r"^[a-z_][a-z0-9_]*$", str(value)):
            raise ModelError(f"{path}: {label} name {value!r} must be lower-case letters, digits and underscores")
    default = "view" if layer == "staging" else "table"
    materialization = header.get("materialization", default)
    if materialization not in MATERIALIZATIONS:
        line = _line_of(header_text, r"^[ \t]*materialization[ \t]*:")
        raise ModelError(f"{_where(path, line)}: unknown materialization {materialization!r} (use {', '.join(MATERIALIZATIONS)})")
    unique_key = header.get("unique_key") or []
    unique_key = [unique_key] if isinstance(unique_key, str) else [str(k) for k in unique_key]
    if materialization == "incremental" and not unique_key:
        raise ModelError(f"{path}: an incremental model needs unique_key (the column(s) rows are merged on)")
    called = macros_called(text[sql_start:])
    if materialization == "view" and called:
        # A view's SQL runs again in every reader's connection, where the build's macros are not.
        line = _line_of(text[sql_start:], rf"\b{called[0]}\s*\(", first_line=text[:sql_start].count("\n") + 1)
        raise ModelError(f"{_where(path, line)}: a view cannot call the macro {called[0]} (make the model a table)")
    delete_missing_from = header.get("delete_missing_from")
    if delete_missing_from is not None:
        line = _line_of(header_text, r"^[ \t]*delete_missing_from[ \t]*:")
        if materialization != "incremental":
            raise ModelError(f"{_where(path, line)}: delete_missing_from only works in an incremental model")
        if not isinstance(delete_missing_from, str) or not re.match(r"^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$", delete_missing_from):
            raise ModelError(f"{_where(path, line)}: delete_missing_from must be a schema.table name, not {delete_missing_from!r}")
    columns = header.get("columns") or {}
    if not isinstance(columns, dict):
        line = _line_of(header_text, r"^[ \t]*columns[ \t]*:")
        raise ModelError(f"{_where(path, line)}: columns must be a mapping (column: description)")
    meta = header.get("meta") or {}
    if not isinstance(meta, dict):
        line = _line_of(header_text, r"^[ \t]*meta[ \t]*:")
        raise ModelError(f"{_where(path, line)}: meta must be a mapping (key: value)")
    tags = header.get("tags") or []
    tags = [tags] if isinstance(tags, str) else [str(t) for t in tags]
    for tag in tags:
        if not re.match(r"^[A-Za-z0-9_.-]{1,63}$", tag):
            line = _line_of(header_text, r"^[ \t]*tags[ \t]*:")
            raise ModelError(f"{_where(path, line)}: tag {tag!r} may only hold letters, digits, '_', '.' and '-'")

    raw_body = text[sql_start:]
    lead = len(raw_body) - len(raw_body.lstrip())
    body_line = text[:sql_start + lead].count("\n") + 1
    template = raw_body.strip().rstrip(";").rstrip()
    table = f"{schema}.{name}"
    body = render_template(template, incremental=False, this=table, path=path, first_line=body_line)
    refs = table_refs(parse_select(body, path, body_line), path, body_line)
    incremental_body = None
    if materialization == "incremental":
        incremental_body = render_template(template, incremental=True, this=table, path=path, first_line=body_line)
        for ref, line in table_refs(parse_select(incremental_body, path, body_line), path, body_line).items():
            if ref != table:  # reading itself on an incremental run is what {{ this }} is for
                refs.setdefault(ref, line)
    elif re.search(r"\{\{\s*this\s*\}\}", template):
        line = _line_of(template, r"\{\{\s*this\s*\}\}", body_line)
        raise ModelError(f"{_where(path, line)}: {{{{ this }}}} only works in an incremental model, inside {{% if is_incremental() %}}")
    if delete_missing_from:
        line = _line_of(header_text, r"^[ \t]*delete_missing_from[ \t]*:")
        if delete_missing_from == table:
            raise ModelError(f"{_where(path, line)}: delete_missing_from names the model's own table; name the upstream table its keys come from")
        # The merge reads it: a dependency like any table the SQL names.
        refs.setdefault(delete_missing_from, line)
    return Model(
        name=name,
        schema=schema,
        path=path,
        sql=text,
        body=body.strip(),
        description=str(header.get("description", "") or "").strip(),
        grain=header.get("grain"),
        materialization=materialization,
        unique_key=unique_key,
        delete_missing_from=delete_missing_from,
        columns={str(k): str(v).strip() for k, v in columns.items()},
        tests=_parse_tests(path, header.get("tests"), header_text, table),
        tags=tags,
        owner=header.get("owner"),
        depends_on=list(refs),
        ref_lines=dict(refs),
        meta=dict(meta),
        template=template,
        body_line=body_line,
        incremental_body=incremental_body.strip() if incremental_body is not None else None,
    )


# --------------------------------------------------------------------------- project

@dataclass
class Project:
    root: Path
    models: dict[str, Model]
    # Tables provided outside the SQL layer, with their columns where known (lineage uses them).
    sources: dict[str, list[str] | None] = field(default_factory=dict)
    cache: dict = field(default_factory=dict, repr=False, compare=False)

    def order(self) -> list[Model]:
        """Models in dependency order; among those ready together, by layer then name (stable)."""
        graph = {name: [d for d in m.depends_on if d in self.models] for name, m in self.models.items()}
        sorter = graphlib.TopologicalSorter(graph)
        sorter.prepare()
        rank = {layer: i for i, layer in enumerate(LAYERS)}
        ordered: list[Model] = []
        while sorter.is_active():
            ready = sorted(sorter.get_ready(), key=lambda t: (rank.get(self.models[t].schema, len(rank)), t))
            ordered += [self.models[t] for t in ready]
            sorter.done(*ready)
        return ordered

    def upstream(self, table: str) -> set[str]:
        seen: set[str] = set()
        stack = [table]
        while stack:
            for dep in self.models[stack.pop()].depends_on:
                if dep in self.models and dep not in seen:
                    seen.add(dep)
                    stack.append(dep)
        return seen

    def downstream(self, table: str) -> set[str]:
        seen: set[str] = set()
        stack = [table]
        while stack:
            current = stack.pop()
            for m in self.models.values():
                if current in m.depends_on and m.table not in seen:
                    seen.add(m.table)
                    stack.append(m.table)
        return seen

    def select(self, selector: str | Iterable[str] | None) -> list[Model]:
        """Models in run order for one or more selectors (their union).

        ``MODEL`` (``name`` or ``schema.name``), ``MODEL+`` (and everything downstream),
        ``+MODEL`` (and everything upstream), ``+MODEL+``, ``tag:x``. A string may hold several
        selectors separated by spaces or commas.
        """
        ordered = self.order()
        if not selector:
            return ordered
        items = re.split(r"[\s,]+", selector) if isinstance(selector, str) else [s for part in selector for s in re.split(r"[\s,]+", part)]
        items = [s for s in items if s]
        if not items:
            return ordered
        chosen: set[str] = set()
        for item in items:
            if item.startswith("tag:"):
                tag = item[4:]
                hits = {m.table for m in ordered if tag in m.tags}
                if not hits:
                    known = sorted({t for m in ordered for t in m.tags})
                    raise ModelError(f"no model has tag {tag!r}" + (f" (tags: {', '.join(known)})" if known else " (no model declares tags)"))
                chosen |= hits
                continue
            up, down = item.startswith("+"), item.endswith("+")
            name = self.resolve(item.strip("+"))
            chosen.add(name)
            if up:
                chosen |= self.upstream(name)
            if down:
                chosen |= self.downstream(name)
        return [m for m in ordered if m.table in chosen]

    def resolve(self, name: str) -> str:
        if name in self.models:
            return name
        hits = [k for k, m in self.models.items() if m.name == name]
        if len(hits) == 1:
            return hits[0]
        if hits:
            raise ModelError(f"model name {name!r} is ambiguous: {', '.join(sorted(hits))}")
        raise ModelError(f"no model named {name!r} in {self.root} (see `factcheck sql list`)")


def load_project(root: Path, sources: Iterable[str] | Mapping[str, Iterable[str] | None] | None = None) -> Project:
    """Read every model; validate duplicates, unknown tables and cycles.

    ``sources`` are tables provided outside the SQL layer (Python assets), as names or as a
    mapping ``table -> columns``; a model reading a table that is neither a model nor a
    source is an error. With ``sources=None`` that check is skipped.
    """
    root = Path(root)
    if not root.is_dir():
        raise ModelError(f"{root}: no such SQL model folder")
    models: dict[str, Model] = {}
    for path in sorted(root.rglob("*.sql")):
        if any(part.startswith(".") for part in path.relative_to(root).parts):
            continue
        model = load_model(path, root)
        if model.table in models:
            raise ModelError(f"{path}: table {model.table} is already defined by {models[model.table].path}")
        models[model.table] = model
    if isinstance(sources, Mapping):
        source_map = {str(k): (list(v) if v is not None else None) for k, v in sources.items()}
    else:
        source_map = {str(k): None for k in (sources or ())}
    project = Project(root=root, models=models, sources=source_map)
    if sources is not None:
        for model in models.values():
            for test in model.tests:
                if test.kind == "relationships" and test.to not in models and test.to not in source_map:
                    raise ModelError(f"{_where(model.path, test.line)}: relationships test points to {test.to}, which no model or source asset provides")
            for dep in model.depends_on:
                if dep not in models and dep not in source_map:
                    raise ModelError(f"{_where(model.path, model.ref_lines.get(dep))}: reads {dep}, which no model or source asset provides")
    try:
        project.order()
    except graphlib.CycleError as exc:
        # graphlib lists each node before the one that reads it; show "a reads b reads ... a".
        chain = list(reversed(exc.args[1]))
        cycle = " -> ".join(chain)
        first = models[chain[0]]
        raise ModelError(f"{_where(first.path, first.ref_lines.get(chain[1]))}: dependency cycle {cycle}") from exc
    return project
