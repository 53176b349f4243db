# Over 500 lines on purpose: the guide file's whole schema (rules, lists, patterns, frames).
"""The language guide as data: rules people read, word lists and patterns the checker uses.

The shipped guide (`resources/language_guide.toml`) is read first; `language_guide.toml` in the
user config directory, if present, then changes or adds entries by `id` and extends the word
lists. Every mistake in either file is reported as one line naming the file, the line and the
field, and nothing of a bad override is used.
"""

from __future__ import annotations

import re
import threading
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from facilitator_app.errors import UserError
from facilitator_app.language.templates import Expander, TemplateError
from facilitator_app.language.toml_lines import TomlLines, error_line
from facilitator_app.paths import read_resource_text, user_config_dir

GUIDE_RESOURCE = "language_guide.toml"
BUILT_IN_LABEL = "language_guide.toml (built in)"
REGEX_FLAGS = re.IGNORECASE | re.MULTILINE

RULE_FIELDS = ("id", "title", "short", "avoid", "why", "instead")
PATTERN_FIELDS = (
    "id",
    "category",
    "regex",
    "span",
    "suggestion",
    "unless_before",
    "unless_after",
    "requires",
    "enabled",
)
EXCEPTION_FIELDS = ("id", "regex", "enabled")
FRAME_FIELDS = (
    "id",
    "category",
    "cue",
    "who",
    "before",
    "after",
    "passive",
    "direct",
    "requires",
    "unless",
    "suggestion",
    "enabled",
)
_INT_FIELDS = ("before", "after")
_BOOL_FIELDS = ("enabled", "passive", "direct")
_CUE_CLASS = re.compile(r"\{(\w+)\}")
TOP_LEVEL = ("version", "framing", "rule", "lexicon", "pattern", "exception", "frame")


@dataclass(frozen=True)
class Origin:
    """Where a value was written, for error messages. The line is found only when asked for:
    most files have no error, and scanning for every key would slow the app's start."""

    file: str
    locate: Callable[[], int | None] = field(compare=False, repr=False)

    @property
    def line(self) -> int | None:
        return self.locate()


@dataclass(frozen=True)
class GuideRule:
    """One rule of the guide: what to avoid, why, and what to say instead."""

    id: str
    title: str
    short: str
    avoid: str
    why: str
    instead: str


@dataclass(frozen=True)
class PatternSpec:
    id: str
    category: str
    regex: str
    span: str | None = None
    suggestion: str | None = None
    unless_before: str | None = None
    unless_after: str | None = None
    requires: str | None = None
    origins: Mapping[str, Origin] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class FrameSpec:
    """Who a sentence is about and what is said of them, matched on lemmas (see `frames`)."""

    id: str
    category: str
    cue: str  # lemma sequences separated by "|"; "*" skips up to three words
    who: str | None = None  # a regex template for who it is about (none: the cue alone)
    before: int = 0  # the target may end at most this many words before the cue
    after: int = 0  # or start at most this many words after it
    passive: bool = False  # a target before the cue needs "be"/"get" just before it
    direct: bool = False  # the target is not governed by "for"/"to"/... nor a possessive
    requires: str | None = None
    unless: str | None = None
    suggestion: str | None = None
    origins: Mapping[str, Origin] = field(default_factory=dict, compare=False, repr=False)


def who_template(who: str) -> str:
    """A frame's `who` as compiled: a mention starts a word, which spares the long alternation
    every mid-word position (checking the guide compiles the same text, so `re` caches it)."""
    return f"(?<![\\w'-])(?:{who})"


@dataclass(frozen=True)
class ExceptionSpec:
    id: str
    regex: str
    origins: Mapping[str, Origin] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class LanguageGuide:
    rules: tuple[GuideRule, ...]
    ground_rules: tuple[str, ...]
    lexicon: Mapping[str, tuple[str, ...]]
    patterns: tuple[PatternSpec, ...]
    exceptions: tuple[ExceptionSpec, ...]
    sources: tuple[str, ...] = ()
    frames: tuple[FrameSpec, ...] = ()

    def rule(self, rule_id: str) -> GuideRule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.rules)


def user_guide_path() -> Path:
    return user_config_dir() / GUIDE_RESOURCE


# ---- reading one file -------------------------------------------------------------------------


@dataclass
class _Entry:
    values: dict[str, Any]
    origins: dict[str, Origin]


@dataclass
class _ParsedFile:
    label: str
    lines: TomlLines
    framing: list[str] | None = None
    framing_origin: Origin | None = None
    rules: list[_Entry] = field(default_factory=list)
    patterns: list[_Entry] = field(default_factory=list)
    exceptions: list[_Entry] = field(default_factory=list)
    frames: list[_Entry] = field(default_factory=list)
    lexicon: dict[str, tuple[list[str], Origin]] = field(default_factory=dict)


def _parse(text: str, label: str) -> _ParsedFile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"not valid TOML: {exc}", file=label, line=error_line(str(exc))) from None
    lines = TomlLines(text)
    parsed = _ParsedFile(label, lines)
    for key in data:
        if key not in TOP_LEVEL:
            raise UserError(
                f"unknown key (expected one of: {', '.join(TOP_LEVEL)})",
                file=label,
                line=lines.table_key(None, key),
                field=key,
            )
    version = data.get("version", 1)
    if version != 1:
        raise UserError(
            f"unsupported version {version!r} (this app reads version 1)",
            file=label,
            line=lines.table_key(None, "version"),
            field="version",
        )
    framing = data.get("framing", {})
    if not isinstance(framing, dict):
        raise UserError("must be a table", file=label, field="framing")
    if "ground_rules" in framing:
        origin = Origin(label, lambda: lines.table_key("framing", "ground_rules"))
        parsed.framing = _string_list(framing["ground_rules"], origin, "framing.ground_rules")
        parsed.framing_origin = origin
    lexicon = data.get("lexicon", {})
    if not isinstance(lexicon, dict):
        raise UserError("must be a table of word lists", file=label, field="lexicon")
    for name, entries in lexicon.items():
        origin = Origin(label, partial(lines.table_key, "lexicon", name))
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
            raise UserError(
                "a word list name uses only a-z, 0-9 and _",
                file=label,
                line=origin.line,
                field=f"lexicon.{name}",
            )
        parsed.lexicon[name] = (_string_list(entries, origin, f"lexicon.{name}"), origin)
    parsed.rules = _entries(data, "rule", RULE_FIELDS, parsed)
    parsed.patterns = _entries(data, "pattern", PATTERN_FIELDS, parsed)
    parsed.exceptions = _entries(data, "exception", EXCEPTION_FIELDS, parsed)
    parsed.frames = _entries(data, "frame", FRAME_FIELDS, parsed)
    return parsed


def _string_list(value: object, origin: Origin, name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UserError("must be a list of strings", file=origin.file, line=origin.line, field=name)
    return list(value)


def _entries(
    data: dict[str, Any], array: str, allowed: tuple[str, ...], parsed: _ParsedFile
) -> list[_Entry]:
    raw = data.get(array, [])
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        raise UserError(
            f"write each entry as a [[{array}]] table",
            file=parsed.label,
            line=parsed.lines.entry(array, 0),
            field=array,
        )
    entries = []
    seen: set[str] = set()
    for index, item in enumerate(raw):
        origins = {
            key: Origin(parsed.label, partial(parsed.lines.entry, array, index, key))
            for key in item
        }
        here = Origin(parsed.label, partial(parsed.lines.entry, array, index))
        for key, value in item.items():
            where = origins[key]
            if key not in allowed:
                raise UserError(
                    f"unknown field (expected one of: {', '.join(allowed)})",
                    file=where.file,
                    line=where.line,
                    field=f"{array}.{key}",
                )
            expected: type = bool if key in _BOOL_FIELDS else int if key in _INT_FIELDS else str
            if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
                kind = {bool: "true or false", int: "a whole number"}.get(expected, "text")
                raise UserError(
                    f"must be {kind}", file=where.file, line=where.line, field=f"{array}.{key}"
                )
        entry_id = item.get("id", "").strip()
        if not entry_id:
            raise UserError(
                "every entry needs an id", file=here.file, line=here.line, field=f"{array}.id"
            )
        if entry_id in seen:
            raise UserError(
                f"the id {entry_id!r} is used twice in this file",
                file=here.file,
                line=origins["id"].line,
                field=f"{array}.id",
            )
        seen.add(entry_id)
        entries.append(_Entry(dict(item), origins | {"": here}))
    return entries


# ---- merging the shipped guide with an override -----------------------------------------------


def _merge_entries(base: list[_Entry], override: list[_Entry]) -> list[_Entry]:
    """Entries with the same id take the override's fields; new ids are appended."""
    merged = {entry.values["id"]: _Entry(dict(entry.values), dict(entry.origins)) for entry in base}
    for entry in override:
        known = merged.get(entry.values["id"])
        if known is None:
            merged[entry.values["id"]] = _Entry(dict(entry.values), dict(entry.origins))
        else:
            known.values.update(entry.values)
            known.origins.update(entry.origins)
    return list(merged.values())


def _merge(files: list[_ParsedFile]) -> _ParsedFile:
    result = _ParsedFile(files[0].label, files[0].lines)
    for parsed in files:
        if parsed.framing is not None:
            result.framing, result.framing_origin = parsed.framing, parsed.framing_origin
        for name, (entries, origin) in parsed.lexicon.items():
            before, _ = result.lexicon.get(name, ([], origin))
            result.lexicon[name] = (before + entries, origin)
        result.rules = _merge_entries(result.rules, parsed.rules)
        result.patterns = _merge_entries(result.patterns, parsed.patterns)
        result.exceptions = _merge_entries(result.exceptions, parsed.exceptions)
        result.frames = _merge_entries(result.frames, parsed.frames)
    return result


# ---- checking the merged guide ----------------------------------------------------------------


def _fail(entry: _Entry, key: str, array: str, reason: str) -> UserError:
    where = entry.origins.get(key) or entry.origins[""]
    return UserError(
        f"{array} {entry.values.get('id')!r}: {reason}",
        file=where.file,
        line=where.line,
        field=f"{array}.{key}",
    )


def _compile(template: str, expander: Expander) -> re.Pattern[str]:
    return re.compile(expander.expand(template), REGEX_FLAGS)


def _check_regex(
    entry: _Entry,
    key: str,
    array: str,
    expander: Expander,
    wrap: Callable[[str], str] | None = None,
) -> re.Pattern[str] | None:
    template = entry.values.get(key)
    if template is None:
        return None
    if wrap is not None:
        template = wrap(template)
    try:
        return _compile(template, expander)
    except TemplateError as exc:
        raise _fail(entry, key, array, str(exc)) from None
    except re.error as exc:
        raise _fail(entry, key, array, f"not a valid regex: {exc}") from None


def _build(merged: _ParsedFile, sources: tuple[str, ...], check_patterns: bool) -> LanguageGuide:
    lexicon = {name: tuple(entries) for name, (entries, _) in merged.lexicon.items()}
    expander = Expander(lexicon)
    # Word classes a frame's cue names hold lemma sequences ("kick * out"), not regexes.
    cue_classes = {n for entry in merged.frames for n in _CUE_CLASS.findall(entry.values["cue"])}
    for name, (entries, origin) in merged.lexicon.items() if check_patterns else ():
        if name in cue_classes:
            continue
        try:
            _compile("{" + name + "}", expander)  # the whole list at once: the common, fast case
        except (TemplateError, re.error) as whole:
            for word in entries:  # find the entry to blame
                try:
                    _compile(word, Expander(lexicon))
                except (TemplateError, re.error) as exc:
                    raise UserError(
                        f"word list entry {word[:40]!r}: {exc}",
                        file=origin.file,
                        line=origin.line,
                        field=f"lexicon.{name}",
                    ) from None
            raise UserError(
                f"word list: {whole}", file=origin.file, line=origin.line, field=f"lexicon.{name}"
            ) from None
    rules = []
    for entry in merged.rules:
        missing = [key for key in RULE_FIELDS if not entry.values.get(key, "").strip()]
        if missing:
            raise _fail(entry, "", "rule", f"needs the field(s): {', '.join(missing)}")
        rules.append(GuideRule(**{key: entry.values[key].strip() for key in RULE_FIELDS}))
    categories = {rule.id for rule in rules}
    patterns = []
    for entry in merged.patterns:
        if entry.values.get("enabled", True) is False:
            continue
        for key in ("category", "regex"):
            if not entry.values.get(key, "").strip():
                raise _fail(entry, "", "pattern", f"needs the field {key!r}")
        if entry.values["category"] not in categories:
            raise _fail(
                entry,
                "category",
                "pattern",
                f"no rule has the id {entry.values['category']!r} "
                f"(known: {', '.join(sorted(categories))})",
            )
        compiled = _check_regex(entry, "regex", "pattern", expander) if check_patterns else None
        for key in ("unless_before", "unless_after", "requires") if check_patterns else ():
            _check_regex(entry, key, "pattern", expander)
        span = entry.values.get("span")
        if span is not None and compiled is not None and span not in compiled.groupindex:
            raise _fail(entry, "span", "pattern", f"the regex has no group named {span!r}")
        values = entry.values
        patterns.append(
            PatternSpec(
                id=values["id"],
                category=values["category"],
                regex=values["regex"],
                span=values.get("span"),
                suggestion=values.get("suggestion"),
                unless_before=values.get("unless_before"),
                unless_after=values.get("unless_after"),
                requires=values.get("requires"),
                origins=dict(entry.origins),
            )
        )
    exceptions = []
    for entry in merged.exceptions:
        if entry.values.get("enabled", True) is False:
            continue
        if not entry.values.get("regex", "").strip():
            raise _fail(entry, "", "exception", "needs the field 'regex'")
        if check_patterns:
            _check_regex(entry, "regex", "exception", expander)
        exceptions.append(
            ExceptionSpec(entry.values["id"], entry.values["regex"], origins=dict(entry.origins))
        )
    frames = [
        frame
        for entry in merged.frames
        if (frame := _frame(entry, categories, expander, check_patterns)) is not None
    ]
    if not rules:
        raise UserError("the guide has no rules", file=merged.label, field="rule")
    return LanguageGuide(
        rules=tuple(rules),
        ground_rules=tuple(merged.framing or ()),
        lexicon=lexicon,
        patterns=tuple(patterns),
        exceptions=tuple(exceptions),
        sources=sources,
        frames=tuple(frames),
    )


def _frame(
    entry: _Entry, categories: set[str], expander: Expander, check_patterns: bool
) -> FrameSpec | None:
    values = entry.values
    if values.get("enabled", True) is False:
        return None
    for key in ("category", "cue"):
        if not values.get(key, "").strip():
            raise _fail(entry, "", "frame", f"needs the field {key!r}")
    if values["category"] not in categories:
        raise _fail(entry, "category", "frame", f"no rule has the id {values['category']!r}")
    for key in ("who", "requires", "unless") if check_patterns else ():
        _check_regex(entry, key, "frame", expander, who_template if key == "who" else None)
    for name in _CUE_CLASS.findall(values["cue"]):
        if name not in expander.lexicon:
            raise _fail(entry, "cue", "frame", f"unknown word list {{{name}}}")
    for key in _INT_FIELDS:
        if not 0 <= values.get(key, 0) <= 12:
            raise _fail(entry, key, "frame", "must be between 0 and 12 words")
    return FrameSpec(
        id=values["id"],
        category=values["category"],
        cue=values["cue"],
        who=values.get("who"),
        before=values.get("before", 0),
        after=values.get("after", 0),
        passive=values.get("passive", False),
        direct=values.get("direct", False),
        requires=values.get("requires"),
        unless=values.get("unless"),
        suggestion=values.get("suggestion"),
        origins=dict(entry.origins),
    )


def load_guide(
    override: Path | None = None, *, use_user_file: bool = True, check_patterns: bool = True
) -> LanguageGuide:
    """The shipped guide, changed by `override` (default: the user's file, if it exists).

    `check_patterns=False` skips compiling every regex (most of the cost): enough to show the
    guide's rules, not to run the checker.
    """
    files = [_parse(read_resource_text(GUIDE_RESOURCE), BUILT_IN_LABEL)]
    sources = [BUILT_IN_LABEL]
    path = override if override is not None else (user_guide_path() if use_user_file else None)
    if path is not None and (override is not None or path.exists()):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(f"cannot read the language guide: {exc}", file=str(path)) from None
        files.append(_parse(text, str(path)))
        sources.append(str(path))
    return _build(_merge(files), tuple(sources), check_patterns)


_cache: dict[tuple[str, bool], tuple[object, LanguageGuide]] = {}
_cache_lock = threading.Lock()


def current_guide(*, check_patterns: bool = True) -> LanguageGuide:
    """The guide with the user's override, re-read only when that file changes."""
    path = user_guide_path()
    try:
        stamp: object = path.stat().st_mtime_ns
    except OSError:
        stamp = None
    key = (str(path), check_patterns)
    with _cache_lock:
        cached = _cache.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    guide = load_guide(check_patterns=check_patterns)  # outside the lock: it may take a while
    with _cache_lock:
        for stale in [k for k in _cache if k[0] != key[0]]:
            del _cache[stale]
        _cache[key] = (stamp, guide)
    return guide
