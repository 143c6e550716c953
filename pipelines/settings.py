"""Environment settings in one place: where the data folder and the warehouse live.

Defaults are absolute paths derived from the project root, so the code location works
from any working directory. ``FACTCHECK_DATA`` and ``FACTCHECK_DB`` override them.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SQL_DIR = PROJECT_ROOT / "dbt_like_sql"


class Settings(BaseModel):
    data_dir: Path
    db_path: Path

    @property
    def articles_dir(self) -> Path:
        return self.data_dir / "articles"

    @property
    def reference_dir(self) -> Path:
        # A data folder without reference packs (only articles) checks against the bundled ones.
        own = self.data_dir / "reference"
        return own if own.is_dir() else PROJECT_ROOT / "data" / "reference"

    @property
    def lexicon_dir(self) -> Path:
        # Lexicons ship with the code's data folder; a data folder may carry its own.
        own = self.data_dir / "lexicons"
        return own if own.is_dir() else PROJECT_ROOT / "data" / "lexicons"

    @property
    def exports_dir(self) -> Path:
        return self.data_dir / "exports"


def load_settings() -> Settings:
    data_dir = Path(os.environ.get("FACTCHECK_DATA") or PROJECT_ROOT / "data").expanduser().resolve()
    db = os.environ.get("FACTCHECK_DB")
    db_path = Path(db).expanduser().resolve() if db else data_dir / "warehouse" / "factcheck.duckdb"
    return Settings(data_dir=data_dir, db_path=db_path)
