"""Markdown articles to plain text (markdown-it-py, CommonMark with GFM tables and strikethrough).

A ``.md`` article is read as the text a reader sees, so no markup reaches titles, datelines or
claims: ``# Title`` is ``Title``, ``**bold**`` and ``*LONDON, May 9 (Wire)*`` lose their
asterisks, ``[treaty](https://x.example)`` keeps only ``treaty``, ``\\*`` and ``&amp;`` are the
characters they stand for. That text is the article's text as read: its content hash and every
claim offset refer to it.

Layout: each block (heading, paragraph, code block, list, table, HTML block) is separated from
the next by a blank line, as paragraphs are in a ``.txt`` article; line breaks inside a
paragraph stay line breaks. A tight list gives one line per item (ordered lists keep their
numbers, bullets are dropped), a table one line per row with the cells separated by tabs.
Images and inline HTML tags are dropped; an HTML block is reduced to its text like a feed
entry's body (scripts and styles dropped). Nothing is executed or fetched.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from pipelines.ingest.html import fragment_to_text

_TEXT = ("text", "text_special", "code_inline")
_BREAKS = ("softbreak", "hardbreak")
_DROPPED = ("image", "html_inline", "hr")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def markdown_to_text(source: str) -> str:
    """The plain text of a Markdown document (see the module docstring)."""
    root = SyntaxTreeNode(_parser().parse(source))
    return "\n\n".join(_blocks(root)).strip()


def _inline(node: SyntaxTreeNode) -> str:
    parts: list[str] = []
    for child in node.children:
        if child.type in _TEXT:
            parts.append(child.content)
        elif child.type in _BREAKS:
            parts.append("\n")
        elif child.type not in _DROPPED:  # emphasis, strong, strikethrough, links: their text
            parts.append(_inline(child))
    return "".join(parts)


def _leaf(node: SyntaxTreeNode) -> str:
    """The text of a paragraph, heading or table cell (its one inline child)."""
    return "".join(_inline(child) for child in node.children).strip()


def _blocks(node: SyntaxTreeNode) -> list[str]:
    out: list[str] = []
    for child in node.children:
        kind = child.type
        if kind in ("paragraph", "heading"):
            text = _leaf(child)
        elif kind in ("fence", "code_block"):
            text = child.content.strip("\n")
        elif kind == "html_block":
            text = fragment_to_text(child.content)
        elif kind in ("bullet_list", "ordered_list"):
            text = _list(child)
        elif kind == "table":
            rows = [row for part in child.children for row in part.children]
            text = "\n".join("\t".join(_leaf(cell) for cell in row.children) for row in rows)
        elif kind in _DROPPED:
            continue
        else:  # blockquotes and any other container: their blocks
            out.extend(_blocks(child))
            continue
        if text.strip():
            out.append(text)
    return out


def _list(node: SyntaxTreeNode) -> str:
    # markdown-it marks the paragraphs of a tight list hidden: its items are lines, a loose
    # list's items are paragraphs.
    tight = any(p.type == "paragraph" and p.hidden for item in node.children for p in item.children)
    items = []
    for item in node.children:
        body = ("\n" if tight else "\n\n").join(_blocks(item))
        if node.type == "ordered_list" and body:
            body = f"{item.info}{item.markup} {body}"
        if body:
            items.append(body)
    return ("\n" if tight else "\n\n").join(items)
