"""Article metadata as read from sidecars, JSON keys, bulk columns, feeds and pages: checked
field by field, so a bad value is never used and never dropped silently.

``clean_fields`` gives the fields that can be used and one line per field that cannot (its
name, its value, and what the article falls back to); the readers record each line in
``raw.ingest_errors`` against the file that holds the value (the sidecar, the JSON or bulk
file with its line, the feed with its entry) and keep the article.

* ``url``: only an absolute ``http``/``https`` URL with a host; anything else (``javascript:``,
  ``data:``, a relative path) would end up as a link in the report.
* ``published``: a date written so that it cannot be read two ways: ``YYYY-MM-DD``, an ISO 8601
  date-time (the date as written, in its own time zone), an RFC 822 date (feeds, e-mail), a
  day, English month name and year (``28 April 2025``, ``Apr 28, 2025``), epoch seconds; a
  day-first numeric date that can be read only one way (``28/04/2025``, ``28.04.2025``,
  ``05/05/2025``, a time after it allowed: the day is over 12 or equals the month); a bulk
  source's ``date_format`` first. ``04/05/2025`` is refused as ambiguous: without a
  ``date_format`` nobody can tell the day from the month.
* ``language``: an ISO 639-1 code, also inside a language tag (``es``, ``ES``, ``pt-BR``,
  ``zh_Hant``; the withdrawn ``iw``, ``in``, ``ji``, ``jw``, ``mo`` as their current codes),
  ISO 639-2 codes of the seven lexicon languages (``spa``, ``deu``/``ger`` ...), the English
  name of any ISO 639-1 language (``Spanish``) and the names of the seven in each of them
  (``español``, ``castellano``, ``Deutsch``, ``anglais``, ``русский`` ...), case and accents
  ignored.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import functools
import re
import unicodedata

SHOWN_CHARS = 80


def shown(value) -> str:
    """A value for a one-line message: shortened, newlines and quotes escaped."""
    text = value if isinstance(value, str) else str(value)
    if len(text) > SHOWN_CHARS:
        text = text[: SHOWN_CHARS - 1] + "…"
    return repr(text)


# An absolute http(s) URL: scheme, optional user info, a host (a name or a bracketed IPv6
# address), an optional numeric port, then path, query and fragment; no whitespace or control
# character anywhere (one regex: ~0.3 µs, where urlsplit took ~3 µs a sidecar). One template for
# Python's re and for DuckDB's RE2 (clean_url_sql): {space} and {digit} are the only classes
# whose meaning differs between the two engines.
_URL_TEMPLATE = (
    r"https?://(?:[^{space}\x00-\x1f\x7f/?#@\\]*@)?(?:\[[0-9A-Fa-f:.]+\]|[^{space}\x00-\x1f\x7f/?#:@\[\]\\]+)"
    r"(?::{digit}{{0,5}})?(?:[/?#][^{space}\x00-\x1f\x7f]*)?"
)
_HTTP_URL = re.compile(_URL_TEMPLATE.format(space=r"\s", digit=r"\d"), re.IGNORECASE)
# What str.strip() and re's \s take for whitespace (str.isspace), as tests/test_export.py checks
# over every code point.
PY_WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"


def clean_url(value) -> str | None:
    """``value`` (stripped) when it is an absolute http(s) URL with a host, else None. Ingest keeps
    only such urls, and the report and ClaimReview link only to them (never a ``javascript:`` URL
    from a feed, nor a file on the desk's machine)."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    return url if _HTTP_URL.fullmatch(url) else None


def _re2_class(chars) -> str:
    """Code points as the inside of an RE2 character class, consecutive ones as ranges."""
    points = sorted({ord(c) for c in chars})
    parts, start = [], 0
    for i in range(1, len(points) + 1):
        if i == len(points) or points[i] != points[i - 1] + 1:
            first, last = points[start], points[i - 1]
            parts.append(f"\\x{{{first:X}}}" + (f"-\\x{{{last:X}}}" if last > first else ""))
            start = i
    return "".join(parts)


# clean_url(x) in DuckDB SQL (``.format(x=...)``), with clean_url_sql()'s named parameters. A
# URL the pattern takes as it is has nothing to strip (it starts with 'h', and no class of the
# pattern holds whitespace), so only the others pay for trim() with its character list.
CLEAN_URL_SQL = (
    "case when regexp_full_match({x}, $url_pattern) then {x} "
    "when regexp_full_match(trim({x}, $url_space), $url_pattern) then trim({x}, $url_space) end"
)


@functools.cache
def clean_url_sql() -> dict[str, str]:
    r"""The named parameters of ``CLEAN_URL_SQL``: ``url_space`` (the characters ``str.strip``
    removes) and ``url_pattern`` (``_HTTP_URL`` for RE2). With them ``CLEAN_URL_SQL`` is
    ``clean_url(x)`` for every string (tests/test_export.py compares the two on every code
    point of the BMP in the places of a URL). RE2's ``\s`` and ``\d`` are ASCII-only and its
    Unicode tables are not Python's, so both classes are spelled out from Python's own
    ``str.isspace`` and ``str.isdecimal`` (``\d`` in a str pattern); ``(?i)`` folds case as
    ``re.IGNORECASE`` does (``ſ`` is an ``s`` in both)."""
    digits = [chr(c) for c in range(0x110000) if chr(c).isdecimal()]
    pattern = _URL_TEMPLATE.format(space=_re2_class(PY_WHITESPACE), digit=f"[{_re2_class(digits)}]")
    return {"url_space": PY_WHITESPACE, "url_pattern": "(?i)" + pattern}


_ISO_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})[Tt ]")
_EPOCH = re.compile(r"\d{9,10}(?:\.\d+)?")
# dd/mm/yyyy or dd.mm.yyyy (dd-mm-yyyy too), optionally followed by a time ("28.04.2025 10:00",
# "28/04/2025, 10h00"); read only when the day cannot be a month or equals it (numeric_day_first).
_NUMERIC_DATE = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?:(?:[T ,]|,\s)\s*\d{1,2}[:h.]\d{2}(?:[:.]\d{2})?[^\n]{0,20})?")
_NAMED_MONTH_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y")


def parse_date(value, date_format: str | None = None) -> str | None:
    """The ISO date (YYYY-MM-DD) ``value`` unambiguously stands for, or None (see the module
    docstring for what is accepted)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return _epoch(value)
    text = str(value).strip()
    if not text:
        return None
    if date_format:
        try:
            return dt.datetime.strptime(text, date_format).date().isoformat()
        except ValueError:
            pass
    try:
        if len(text) == 10:  # the common case, YYYY-MM-DD, in one call
            return dt.date.fromisoformat(text).isoformat()
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    day = _ISO_DAY.match(text)  # 2025-04-28 10:00:00 UTC: the date is still written in full
    if day:
        try:
            return dt.date.fromisoformat(day.group(1)).isoformat()
        except ValueError:
            return None
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    if text[:1].isdigit() or text[:1].isalpha():
        squeezed = " ".join(text.replace(".", " ").split()).replace(" ,", ",")
        for fmt in _NAMED_MONTH_FORMATS:
            try:
                return dt.datetime.strptime(squeezed, fmt).date().isoformat()
            except ValueError:
                continue
    if _EPOCH.fullmatch(text):
        return _epoch(float(text))
    return numeric_day_first(text)


def numeric_day_first(text: str) -> str | None:
    """The ISO date of a day-first numeric date (``28/04/2025``, ``28.04.2025 10:00``) that can
    be read only one way: the day is over 12 (so it is no month) or equals the month. None for
    anything else, ambiguous ones (``04/05/2025``) included (``is_ambiguous_numeric`` tells those)."""
    found = _NUMERIC_DATE.fullmatch(text.strip())
    if not found:
        return None
    day, month, year = int(found.group(1)), int(found.group(3)), int(found.group(4))
    if day <= 12 and day != month:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def is_ambiguous_numeric(value) -> bool:
    """True for a numeric date whose day and month could be swapped (``04/05/2025``)."""
    found = _NUMERIC_DATE.fullmatch(str(value).strip()) if isinstance(value, str) else None
    if not found:
        return False
    first, second = int(found.group(1)), int(found.group(3))
    return first != second and first <= 12 and second <= 12


def _epoch(seconds: float) -> str | None:
    try:
        return dt.datetime.fromtimestamp(float(seconds), dt.timezone.utc).date().isoformat()
    except (OverflowError, OSError, ValueError):
        return None


# ISO 639-1 (the 184 codes) and their English names, from CLDR (babel) at the time of writing.
_ISO_639_1 = dict(pair.split(":") for pair in (
    "aa:Afar|ab:Abkhazian|ae:Avestan|af:Afrikaans|ak:Akan|am:Amharic|an:Aragonese|ar:Arabic|as:Assamese|av:Avaric|ay:Aymara|"
    "az:Azerbaijani|ba:Bashkir|be:Belarusian|bg:Bulgarian|bi:Bislama|bm:Bambara|bn:Bangla|bo:Tibetan|br:Breton|bs:Bosnian|"
    "ca:Catalan|ce:Chechen|ch:Chamorro|co:Corsican|cr:Cree|cs:Czech|cu:Church Slavic|cv:Chuvash|cy:Welsh|da:Danish|de:German|"
    "dv:Divehi|dz:Dzongkha|ee:Ewe|el:Greek|en:English|eo:Esperanto|es:Spanish|et:Estonian|eu:Basque|fa:Persian|ff:Fula|"
    "fi:Finnish|fj:Fijian|fo:Faroese|fr:French|fy:Western Frisian|ga:Irish|gd:Scottish Gaelic|gl:Galician|gn:Guarani|"
    "gu:Gujarati|gv:Manx|ha:Hausa|he:Hebrew|hi:Hindi|ho:Hiri Motu|hr:Croatian|ht:Haitian Creole|hu:Hungarian|hy:Armenian|"
    "hz:Herero|ia:Interlingua|id:Indonesian|ie:Interlingue|ig:Igbo|ii:Sichuan Yi|ik:Inupiaq|io:Ido|is:Icelandic|it:Italian|"
    "iu:Inuktitut|ja:Japanese|jv:Javanese|ka:Georgian|kg:Kongo|ki:Kikuyu|kj:Kuanyama|kk:Kazakh|kl:Kalaallisut|km:Khmer|"
    "kn:Kannada|ko:Korean|kr:Kanuri|ks:Kashmiri|ku:Kurdish|kv:Komi|kw:Cornish|ky:Kyrgyz|la:Latin|lb:Luxembourgish|lg:Ganda|"
    "li:Limburgish|ln:Lingala|lo:Lao|lt:Lithuanian|lu:Luba-Katanga|lv:Latvian|mg:Malagasy|mh:Marshallese|mi:Māori|"
    "mk:Macedonian|ml:Malayalam|mn:Mongolian|mr:Marathi|ms:Malay|mt:Maltese|my:Burmese|na:Nauru|nb:Norwegian Bokmål|"
    "nd:North Ndebele|ne:Nepali|ng:Ndonga|nl:Dutch|nn:Norwegian Nynorsk|no:Norwegian|nr:South Ndebele|nv:Navajo|ny:Nyanja|"
    "oc:Occitan|oj:Ojibwa|om:Oromo|or:Odia|os:Ossetic|pa:Punjabi|pi:Pali|pl:Polish|ps:Pashto|pt:Portuguese|qu:Quechua|"
    "rm:Romansh|rn:Rundi|ro:Romanian|ru:Russian|rw:Kinyarwanda|sa:Sanskrit|sc:Sardinian|sd:Sindhi|se:Northern Sami|sg:Sango|"
    "sh:Serbo-Croatian|si:Sinhala|sk:Slovak|sl:Slovenian|sm:Samoan|sn:Shona|so:Somali|sq:Albanian|sr:Serbian|ss:Swati|"
    "st:Southern Sotho|su:Sundanese|sv:Swedish|sw:Swahili|ta:Tamil|te:Telugu|tg:Tajik|th:Thai|ti:Tigrinya|tk:Turkmen|"
    "tl:Tagalog|tn:Tswana|to:Tongan|tr:Turkish|ts:Tsonga|tt:Tatar|tw:Twi|ty:Tahitian|ug:Uyghur|uk:Ukrainian|ur:Urdu|uz:Uzbek|"
    "ve:Venda|vi:Vietnamese|vo:Volapük|wa:Walloon|wo:Wolof|xh:Xhosa|yi:Yiddish|yo:Yoruba|za:Zhuang|zh:Chinese|zu:Zulu"
).split("|"))
_WITHDRAWN = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv", "mo": "ro"}
_ISO_639_2 = {"deu": "de", "ger": "de", "eng": "en", "spa": "es", "fra": "fr", "fre": "fr", "ita": "it", "por": "pt", "rus": "ru"}
# The seven lexicon languages named in each of them (CLDR), and castellano.
_OWN_NAMES = {
    "de": "Deutsch alemán allemand tedesco alemão немецкий",
    "en": "Englisch inglés anglais inglese inglês английский",
    "es": "Spanisch español castellano espagnol spagnolo espanhol испанский",
    "fr": "Französisch francés français francese francês французский",
    "it": "Italienisch italiano italien итальянский",
    "pt": "Portugiesisch portugués portugais portoghese português португальский",
    "ru": "Russisch ruso russe russo русский",
}
_TAG = re.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*")


def _name_key(text: str) -> str:
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    return " ".join(folded.replace("-", " ").split())


_NAMES = {_name_key(name): code for code, name in _ISO_639_1.items()}
_NAMES.update({_name_key(name): code for code, names in _OWN_NAMES.items() for name in names.split()})


def parse_language(value) -> str | None:
    """The ISO 639-1 code ``value`` names, or None (see the module docstring)."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if len(text) == 2:  # the common case: a bare code
        code = text.lower()
        code = _WITHDRAWN.get(code, code)
        return code if code in _ISO_639_1 else None
    tag = _TAG.fullmatch(text)
    if tag:
        code = tag.group(1).lower()
        code = _WITHDRAWN.get(code, code) if len(code) == 2 else _ISO_639_2.get(code)
        if code in _ISO_639_1:
            return code
    return _NAMES.get(_name_key(text))


IGNORED = "ignored, the article is kept"


def clean_fields(fields: dict, *, labels: dict[str, str] | None = None, date_format: str | None = None) -> tuple[dict, list[str]]:
    """(usable fields, one problem line per unusable field). ``fields`` maps article fields
    (``url``, ``published``, ``language`` ...) to values as read; ``labels`` names a field as
    its file does (``link``, ``meta.date``) in the problem line; ``date_format`` is a bulk
    source's. Values that are None or blank count as absent; everything kept is a string,
    dates as YYYY-MM-DD and languages as ISO 639-1 codes."""
    date_problem = (f"matches neither the source's date_format {date_format!r} nor an ISO 8601 or RFC 822 date" if date_format
                    else "is not a date (YYYY-MM-DD, an ISO 8601 date-time, an RFC 822 date, '28 April 2025' or '28/04/2025')")
    ambiguous = "is ambiguous (day and month could be either; write YYYY-MM-DD)"
    # field -> (parser giving the clean value or None, what is wrong when it gives None)
    checks = {
        "url": (clean_url, "is not an absolute http(s) URL"),
        "published": (lambda value: parse_date(value, date_format), date_problem),
        "language": (parse_language, "is not a language (an ISO 639-1 code such as 'es', or a name such as 'Spanish')"),
    }
    clean: dict = {}
    problems: list[str] = []
    for name, value in fields.items():
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if name not in checks:
            clean[name] = value if isinstance(value, str) else str(value)
            continue
        parse, problem = checks[name]
        parsed = parse(value)
        if parsed is None:
            why = ambiguous if name == "published" and not date_format and is_ambiguous_numeric(value) else problem
            problems.append(f"{(labels or {}).get(name, name)}: {shown(value)} {why}; {IGNORED}")
        else:
            clean[name] = parsed
    return clean, problems
