"""Command groups for the ``factcheck`` CLI: each module exposes ``register(subparsers)``."""
