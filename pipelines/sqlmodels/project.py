"""dbt_like_sql: discover SQL models, read their YAML headers, and derive dependencies with sqlglot.

One model per ``.sql`` file: folder = layer = schema (``staging``, ``intermediate``, ``marts``),
file stem = table name. A leading ``/* ... */`` block holds YAML: description, materialization
(table, view, incremental + unique_key), grain, columns, tests, tags, owner.
"""

from __future__ import annotations

import graphlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import sqlglot
import yaml
from sqlglot import exp
from sqlglot.errors import ParseError

LAYERS = ("staging", "intermediate", "marts")
MATERIALIZATIONS = ("table", "view", "incremental")
KNOWN_TESTS = ("not_null", "unique", "accepted_values", "relationships", "sql")
_HEADER = re.compile(r"\A\s*/\*(?P<body>.*?)\*/", re.S)


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
    columns: dict[str, str] = field(default_factory=dict)
    tests: list[Test] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    owner: str | None = None
    depends_on: list[str] = field(default_factory=list)

    @property
    def table(self) -> str:
        return f"{self.schema}.{self.name}"


def _parse_header(path: Path, text: str) -> tuple[dict, str]:
    match = _HEADER.match(text)
    if not match:
        return {}, text
    body = match.group("body")
    try:
        header = yaml.safe_load(body) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise ModelError(f"{path}{line}: header is not valid YAML ({getattr(exc, 'problem', None) or exc})") from exc
    if not isinstance(header, dict):
        raise ModelError(f"{path}:1: header must be a YAML mapping")
    return header, text[match.end():]


def _parse_tests(path: Path, raw: list) -> list[Test]:
    tests = []
    for item in raw or []:
        if isinstance(item, str):
            item = {item: None}
        if not isinstance(item, dict) or len(item) != 1:
            raise ModelError(f"{path}: test {item!r} must be a one-key mapping such as {{not_null: claim_id}}")
        kind, arg = next(iter(item.items()))
        if kind not in KNOWN_TESTS:
            raise ModelError(f"{path}: unknown test {kind!r} (known: {', '.join(KNOWN_TESTS)})")
        if kind in ("not_null", "unique"):
            tests.append(Test(kind=kind, column=arg))
        elif kind == "accepted_values":
            tests.append(Test(kind=kind, column=arg["column"], values=list(arg["values"])))
        elif kind == "relationships":
            tests.append(Test(kind=kind, column=arg["column"], to=arg["to"], field=arg.get("field", arg["column"])))
        else:
            if isinstance(arg, str):
                arg = {"query": arg}
            tests.append(Test(kind="sql", sql=arg["query"], name=arg.get("name", "sql_test"), severity=arg.get("severity", "error")))
    return tests


def table_refs(sql: str, path: Path | None = None) -> list[str]:
    """``schema.table`` names the SQL reads."""
    try:
        tree = sqlglot.parse_one(sql, read="duckdb")
    except ParseError as exc:
        err = exc.errors[0] if exc.errors else {}
        line = f":{err.get('line')}" if err.get("line") else ""
        raise ModelError(f"{path}{line}: SQL does not parse ({err.get('description', str(exc).splitlines()[0])})") from exc
    # A schema-qualified name is always a table; a bare name is a CTE (or unqualified, which
    # the project style forbids for warehouse tables).
    refs = set()
    for table in tree.find_all(exp.Table):
        if table.db:
            refs.add(f"{table.db}.{table.name}")
    return sorted(refs)


def load_model(path: Path, root: Path) -> Model:
    rel = path.relative_to(root)
    layer = rel.parts[0] if len(rel.parts) > 1 else None
    text = path.read_text(encoding="utf-8")
    header, body = _parse_header(path, text)
    schema = header.get("schema") or layer
    if schema is None:
        raise ModelError(f"{path}: put the model in a layer folder ({', '.join(LAYERS)}) or name its schema in the header")
    materialization = header.get("materialization", "view" if layer == "staging" else "table")
    if materialization not in MATERIALIZATIONS:
        raise ModelError(f"{path}: unknown materialization {materialization!r} (use {', '.join(MATERIALIZATIONS)})")
    unique_key = header.get("unique_key") or []
    unique_key = [unique_key] if isinstance(unique_key, str) else list(unique_key)
    if materialization == "incremental" and not unique_key:
        raise ModelError(f"{path}: an incremental model needs unique_key")
    body = body.strip().rstrip(";")
    return Model(
        name=header.get("name") or path.stem,
        schema=schema,
        path=path,
        sql=text,
        body=body,
        description=str(header.get("description", "")).strip(),
        grain=header.get("grain"),
        materialization=materialization,
        unique_key=unique_key,
        columns={str(k): str(v) for k, v in (header.get("columns") or {}).items()},
        tests=_parse_tests(path, header.get("tests")),
        tags=list(header.get("tags") or []),
        owner=header.get("owner"),
        depends_on=table_refs(body, path),
    )


@dataclass
class Project:
    root: Path
    models: dict[str, Model]

    def order(self) -> list[Model]:
        graph = {name: [d for d in m.depends_on if d in self.models] for name, m in self.models.items()}
        return [self.models[n] for n in graphlib.TopologicalSorter(graph).static_order()]

    def select(self, selector: str | None) -> list[Model]:
        """``MODEL``, ``MODEL+`` (and downstream), ``+MODEL`` (and upstream), ``tag:x``."""
        ordered = self.order()
        if not selector:
            return ordered
        if selector.startswith("tag:"):
            tag = selector[4:]
            return [m for m in ordered if tag in m.tags]
        up, down = selector.startswith("+"), selector.endswith("+")
        name = self.resolve(selector.strip("+"))
        chosen = {name}
        if up:
            stack = [name]
            while stack:
                for dep in self.models[stack.pop()].depends_on:
                    if dep in self.models and dep not in chosen:
                        chosen.add(dep)
                        stack.append(dep)
        if down:
            changed = True
            while changed:
                changed = False
                for m in self.models.values():
                    if m.table not in chosen and any(d in chosen for d in m.depends_on):
                        chosen.add(m.table)
                        changed = True
        return [m for m in ordered if m.table in chosen]

    def resolve(self, name: str) -> str:
        if name in self.models:
            return name
        hits = [k for k, m in self.models.items() if m.name == name]
        if len(hits) == 1:
            return hits[0]
        raise ModelError(f"no model named {name!r}" if not hits else f"model name {name!r} is ambiguous: {', '.join(hits)}")


def load_project(root: Path, sources: set[str] | None = None) -> Project:
    """Read every model; validate duplicates, unknown tables and cycles.

    ``sources`` are tables provided outside the SQL layer (Python assets); a model reading a
    table that is neither a model nor a source is an error.
    """
    models: dict[str, Model] = {}
    for path in sorted(root.rglob("*.sql")):
        model = load_model(path, root)
        if model.table in models:
            raise ModelError(f"{path}: table {model.table} is already defined by {models[model.table].path}")
        models[model.table] = model
    project = Project(root=root, models=models)
    if sources is not None:
        for model in models.values():
            for dep in model.depends_on:
                if dep not in models and dep not in sources:
                    raise ModelError(f"{model.path}: reads {dep}, which no model or source asset provides")
    try:
        project.order()
    except graphlib.CycleError as exc:
        cycle = " -> ".join(exc.args[1])
        first = models[exc.args[1][0]].path
        raise ModelError(f"{first}: dependency cycle {cycle}") from exc
    return project
