"""YAML reading through libyaml when PyYAML was built with it (about ten times faster than the
pure-Python parser): packs, lexicons and model headers are read on every refresh, so their
parse time is part of what a small incremental refresh costs."""

from __future__ import annotations

import yaml

SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str):
    """``yaml.safe_load`` on the fastest safe loader available."""
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader
