"""Agency names: split a cell into bodies, match each to its canonical name, find bodies in prose.

The gazetteer (`models/agencies.csv`, columns `variant,canonical,level,kind,generic`) maps the
ways offices write a body to its full official name. Matching tries, in order: the exact key
(tone placement and spacing ignored), the diacritic-folded key, the same two on a leading part of
the text followed by a place name ("UBND huyện Bình Gia"), and last a conservative fuzzy match of
long, fully spelled names. A name that matches nothing is returned as written, known=False.

A place name after a body that exists at several levels stays in the name ("Ủy ban nhân dân
huyện Bình Gia"); after a Phòng or Sở, whose kind fixes the level, it only sets the jurisdiction.

Between the exact readings and the fuzzy one, the forms of `pipeline.agencies.forms` are tried: a
title before the body, a bracket after it, the abbreviations read by parts, a collective
mention. Each match says how it was found (`Match.how`), which `explain` prints.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from pipeline.agencies.forms import (
    Abbreviations,
    bracketed,
    capitalised,
    collective,
    defined_abbreviations,
    distributed,
    persons,
    strip_title,
)
from pipeline.agencies.gazetteer import GAZETTEER, Entry, read_gazetteer
from pipeline.agencies.names import (
    MAX_PLACE_WORDS,
    WORD,
    Cut,
    Segment,
    case_rest,
    ends_a_name,
    group_text,
    has_abbreviation,
    is_group,
    keys,
    leading_level,
    level_word_of,
    nfc,
    place_name,
    split_blocks,
    tidy,
    with_level_marks,
    words,
)
from pipeline.agencies.places import Places
from pipeline.agencies.succession import successor
from pipeline.model import AgencyRef, Role
from pipeline.vietnamese.syllables import is_syllable

_LEVELS = r"(?:xã|phường|thị trấn|đặc khu|huyện|quận|thị xã|thành phố|tỉnh)"
# "UBND các xã, phường", "UBND xã, phường", "UBND các quận-huyện", "… các xã, phường có cụm công
# nghiệp": the levels listed, then perhaps a lowercase qualifier.
_LEVEL_LIST = re.compile(
    rf"^(?P<head>.+?\b(?:các\s+)?{_LEVELS})(?P<rest>(?:\s*(?:,|-|–|\bvà\b)\s*{_LEVELS}\b)+)"
    r"(?P<tail>\s+(?!thành phố|thị xã|tỉnh)[a-zđà-ỹ][^,;]*)?$"
)
# A capitalised kind word and a capitalised name after it: how a body's own name starts.
_BODY_START = re.compile(
    r"^(?:Phòng|Sở|Ban|Trung tâm|Trường|Văn phòng|Chi cục|Cục|Đội|Công ty|Bệnh viện|Hội đồng|Đài|"
    r"Viện|Khoa|Bộ|Ủy ban|Uỷ ban|UBND|Hội|Đoàn)\s+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ]"
)
_KIND_START = re.compile(
    r"^(phòng|sở|ban|trung tâm|trường|văn phòng|chi cục|cục|đội|công ty|bệnh viện|hội đồng|đài|"
    r"viện|khoa|tổ|đoàn|hội)\b"
)

# rapidfuzz ratio on folded keys. Measured (2026-12-02) on 3,177 damaged copies of the 351 long
# names (one letter lost, added or changed, or two changed): 85 -> 2,557 own body, 3 another;
# 88 -> 2,493 / 3; 90 -> 2,368 / 3; 93 -> 2,026 / 2. The 3 are damage that spells another body
# ("Sở Dân tộc…" with S read as B is "Bộ Dân tộc…"), which no threshold tells apart; 88 keeps
# the most names at the fewest wrong ones.
FUZZY_MIN_SCORE = 88.0
FUZZY_MARGIN = 4.0  # over the best other body, so near-equal candidates are never guessed
FUZZY_MIN_LEN = 12  # folded letters; shorter names must match exactly
FUZZY_LETTERS_PER_EDIT = 16  # one more wrong letter allowed per 16 letters of the name
MAX_GROUP_SEGMENTS = 6  # a body name holds at most this many ", " / " - " / " và " parts
MAX_PLACE_TAIL = 6  # a level word (up to two words) and a place name of up to four
_CACHE_LIMIT = 100_000
# Central bodies whose provincial branch is named after the province, without "tỉnh"
# ("Kho bạc Nhà nước Quảng Ngãi", "Công ty Điện lực Lạng Sơn").
PROVINCE_NAMED = ("Kho bạc Nhà nước", "Đài Khí tượng Thủy văn", "Công ty Điện lực")





@dataclass(frozen=True, slots=True)
class Match:
    canonical: str
    known: bool
    generic: bool = False
    level: str = ""
    kind: str = ""
    score: float = 0.0
    place: str = ""  # "huyện Bình Gia" when the text names the place after the body
    how: str = ""  # how it was found: "exact", "folded", "title 'Giám đốc '", "fuzzy 93", …


Lookup = Callable[[str], "tuple[Entry, float] | None"]




_SHARED: dict[tuple[str, int, int], AgencyMatcher] = {}


class AgencyMatcher:
    """The gazetteer with precomputed keys; `match` results are cached per raw text."""

    def __init__(self, entries: list[Entry]) -> None:
        self._exact: dict[str, Entry] = {}
        # Every canonical name is also a variant of itself, below any row that lists it.
        for e in entries:
            self._exact.setdefault(keys(e.canonical)[0], _as_variant(e, e.canonical))
        for e in sorted(entries, key=lambda e: e.priority):
            self._exact[keys(e.variant)[0]] = e
        self._folded = _folded_index(self._exact.values())
        fuzzy = {
            folded: e
            for e in self._exact.values()
            if not has_abbreviation(e.variant)
            and len(folded := keys(e.variant)[1]) >= FUZZY_MIN_LEN
            and self._folded.get(folded) is not None
        }
        self._fuzzy_keys = list(fuzzy)
        self._fuzzy_entries = list(fuzzy.values())
        self._known_words = {_core(w).lower() for e in self._exact.values() for w in e.variant.split()}
        self._joined_words = {  # "gd&đt" -> "GD&ĐT"
            _core(w).lower(): _core(w) for e in self._exact.values() for w in e.variant.split() if "&" in w
        }
        self._cache: dict[str, Match] = {}
        self.abbreviations = Abbreviations.builtin()
        self.places = Places.builtin()
        self.defined: dict[str, str] = {}  # abbreviations the document defines (for_document)
        self.on: str | None = None  # the document's date (for_document): successors after it

    def for_document(self, text: str, on: str | None = None) -> AgencyMatcher:
        """This matcher for one document: also reading the abbreviations `text` defines ("Sở
        Giáo dục và Đào tạo (GDĐT)", "Ban Chỉ đạo (sau đây gọi tắt là BCĐ)") wherever they are
        used later, and giving successors only for changes after the document's date `on`.
        The gazetteer's indexes are shared, not copied; the copy has its own cache."""
        found = defined_abbreviations(
            text, lambda name: self.match(name).known or bool(_KIND_START.match(name.lower()))
        )
        if not found and on == self.on:
            return self
        twin = copy.copy(self)
        twin._cache = {}
        twin.defined = {**self.defined, **found}
        twin.on = on
        return twin

    @classmethod
    def load(cls, aliases: Path | None = None) -> AgencyMatcher:
        if not GAZETTEER.is_file():
            raise FileNotFoundError(f"agency gazetteer not found at {GAZETTEER}")
        entries = read_gazetteer(GAZETTEER)
        if aliases is not None:
            entries += read_gazetteer(Path(aliases), priority=1)
        return cls(entries)

    @classmethod
    def shared(cls, aliases: Path | None = None) -> AgencyMatcher:
        """The matcher of this process: the gazetteer is read once, not once per document (a
        worker reads thousands); an aliases file edited since is read again."""
        key = ("", 0, 0)
        if aliases is not None:
            stat = Path(aliases).stat()
            key = (str(aliases), stat.st_mtime_ns, stat.st_size)
        if key not in _SHARED:
            _SHARED.clear()
            _SHARED[key] = cls.load(aliases)
        return _SHARED[key]

    # --- matching -------------------------------------------------------------------------

    def match(self, raw: str) -> Match:
        hit = self._cache.get(raw)
        if hit is None:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            hit = self._cache[raw] = self._match(tidy(raw))
        return hit

    def _match(self, text: str) -> Match:
        if not text:
            return Match("", known=False)
        if found := self._lookup(text):
            entry, score = found
            how = "exact" if score == 100.0 else "folded (marks ignored)"
            # a collective keeps its wording: its words as the row has them, punctuation and
            # case aside ("các sở, ban ngành"); a spelling OCR damaged ("đợnvi") takes the row's
            if entry.generic and _same_words(text, entry.variant) and not has_abbreviation(text):
                return Match(capitalised(text), True, True, entry.level, entry.kind, score, how=how)
            return _result(entry, score, how=how)
        if m := self._levels_listed(text):
            return m
        if m := self._body_and_place(text, self._lookup):
            return _how(m, f"body, then its place {m.place!r}" if m.place else "body and place")
        cleaned = self._without_specks(text)
        if cleaned != text and cleaned:
            if found := self._lookup(cleaned):
                return _result(*found)
            if m := self._body_and_place(cleaned, self._lookup):
                return m
        if m := self._forms(text):
            return m
        # fuzzy only after every exact reading, so "UBND xã An" never fuzzes to "UBND xã"
        if found := self._fuzzy(text):
            return _result(*found, how=f"fuzzy {found[1]:.0f}")
        if m := self._body_and_place(text, self._fuzzy):
            return _how(m, f"fuzzy {m.score:.0f}")
        return Match(self._as_printed(text), known=False, how="unknown")

    def _forms(self, text: str) -> Match | None:
        """The readings of how offices write a name that the gazetteer's rows do not hold."""
        title, rest = strip_title(text)
        if title and rest:
            m = self._match(rest)
            if m.known and m.generic and not rest.lower().startswith(("các ", "những ")):
                if "," not in rest:
                    m = Match(text, known=False)  # "Trưởng đoàn thể xã": a post, not a body
                else:  # "Thủ trưởng phòng, ban, đơn vị": the heads of every one of them
                    m = Match("Các " + m.canonical[:1].lower() + m.canonical[1:], True, True,
                              m.level, m.kind, m.score, m.place, m.how)
            if m.known:
                return _how(m, f"title {title.strip()!r} dropped, then {m.how}")
        if (parts := bracketed(text)) and (m := self._match(parts[0])).known:
            return _how(m, f"bracket ({parts[1]}) dropped, then {m.how}")
        if self.defined and (spelled := self._defined_spelled(text)) != text:
            m = self._match(spelled)
            how = f"document abbreviation read as {spelled!r}, then {m.how}"
            return _how(m, how)  # the document's own definition wins over any other reading
        for reading in self.abbreviations.readings(text):
            found = self._lookup(reading)
            m = _result(*found) if found else self._body_and_place(reading, self._lookup)
            if m:
                return _how(m, f"abbreviations read as {reading!r}")
        wording = collective(self.abbreviations.plain(text))
        if wording:
            return Match(wording, True, True, "", "generic", 100.0, how="collective: its wording kept")
        return None

    def _defined_spelled(self, text: str) -> str:
        return " ".join(self.defined.get(w.strip("(),"), w) for w in text.split(" "))

    def _as_printed(self, text: str) -> str:
        """An unknown name as printed, its unambiguous abbreviations spelled out and its kind word
        capitalised ("phòng Đào tạo" -> "Phòng Đào tạo", "Trường THPT An Lạc" -> "Trường Trung
        học phổ thông An Lạc")."""
        text = self.abbreviations.plain(text)
        return capitalised(text) if _KIND_START.match(text) else text

    def _levels_listed(self, text: str) -> Match | None:
        """A body of every unit of several levels is one body: "Ủy ban nhân dân các xã,
        phường, đặc khu" is the known "… các xã" with the other levels listed after it, however
        the list runs (levels change with the 2025 reorganisation; the gazetteer need not
        hold every combination)."""
        m = _LEVEL_LIST.match(text)
        if not m:
            return None
        head = m["head"]
        found = self._lookup(head) or self._lookup(re.sub(r"\b(\S+)$", "xã", head))
        if found is None:
            return None
        entry, score = found
        printed_level = re.search(rf"{_LEVELS}$", head)
        body = entry.canonical
        if printed_level and not body.endswith(printed_level[0]):  # "… các quận" from "… các xã"
            body = re.sub(rf"{_LEVELS}$", printed_level[0], body)
        rest = re.sub(r"\s*[-–]\s*", ", ", re.sub(r"\s*,\s*", ", ", m["rest"]))
        return Match(f"{body}{rest}{m['tail'] or ''}", True, entry.generic, entry.level, entry.kind, score,
                     how="levels listed")

    def _without_specks(self, text: str) -> str:
        """The name without specks OCR read as letters ("UBND [D các xã", "UBND ID huyện"):
        short tokens that are neither a Vietnamese syllable nor a word of any known name."""

        def speck(token: str) -> bool:
            core = _core(token)
            return len(core) <= 2 and not core.isdigit() and not is_syllable(core) and (
                core.lower() not in self._known_words
            )

        return " ".join(self._known_abbreviation(t) for t in text.split() if not speck(t))

    def _known_abbreviation(self, token: str) -> str:
        """An abbreviation joined by "&" with a stray stroke read as a letter ("GD&ĐIT" for
        "GD&ĐT") as the known one; any other difference may be another body: left as it is."""
        core = _core(token)
        if "&" not in core or core.lower() in self._known_words:
            return token
        for i, ch in enumerate(core):
            if ch in "Il1|i" and (known := self._joined_words.get((core[:i] + core[i + 1 :]).lower())):
                return token.replace(core, known)
        return token

    def _body_and_place(self, text: str, lookup: Lookup) -> Match | None:
        """The longest leading part that `lookup` knows, when the rest names its place."""
        parts = text.split(" ")
        if m := self._province_named(parts, lookup):
            return m
        for k in range(len(parts) - 1, max(0, len(parts) - 1 - MAX_PLACE_TAIL), -1):
            body = " ".join(parts[:k])
            if not ends_a_name(body):
                continue  # "Sở Y tế, Trường X" is a list, not a body and its place
            found = lookup(body)
            if found and (m := self._with_place(*found, parts[k:])):
                return m
        return None

    def _province_named(self, parts: list[str], lookup: Lookup) -> Match | None:
        """A provincial branch of a central body named after its province instead of "tỉnh":
        "Kho bạc Nhà nước Quảng Ngãi" is the "Kho bạc Nhà nước tỉnh" of Quảng Ngãi."""
        for k in range(len(parts) - 1, max(0, len(parts) - 1 - MAX_PLACE_TAIL), -1):
            province = " ".join(parts[k:])
            if not self.places.is_province(province):
                continue
            found = lookup(" ".join(parts[:k]) + " tỉnh")
            if found and found[0].canonical.startswith(PROVINCE_NAMED):
                entry, score = found
                province = self.places.spelled(province, "tỉnh")
                name = entry.canonical.removesuffix(" tỉnh") + " " + province
                return _result(entry, score, f"tỉnh {province}", name, how="province-named branch")
        return None

    def _lookup(self, text: str) -> tuple[Entry, float] | None:
        exact, folded = keys(text)
        if entry := self._exact.get(exact):
            return entry, 100.0
        if entry := self._folded.get(folded):
            return entry, 95.0
        return None

    def _fuzzy(self, text: str) -> tuple[Entry, float] | None:
        """The one long name `text` differs from by a few letters. Ratio alone would also
        accept a name with a short word stuck to it ("TTYT TP. Các cơ quan chuyên môn…"), so
        the edit count is capped too (OSA: a swapped pair of letters is one edit)."""
        folded = keys(text)[1]
        if len(folded) < FUZZY_MIN_LEN:
            return None
        best: dict[str, tuple[float, Entry, str]] = {}
        for choice, score, i in process.extract(
            folded, self._fuzzy_keys, scorer=fuzz.ratio, limit=10,
            score_cutoff=FUZZY_MIN_SCORE - FUZZY_MARGIN,
        ):
            e = self._fuzzy_entries[i]
            if score > best.get(e.canonical, (0.0,))[0]:
                best[e.canonical] = (score, e, choice)
        ranked = sorted(best.values(), key=lambda c: -c[0])
        if not ranked or ranked[0][0] < FUZZY_MIN_SCORE:
            return None
        if len(ranked) > 1 and ranked[0][0] - ranked[1][0] < FUZZY_MARGIN:
            return None
        score, entry, choice = ranked[0]
        if OSA.distance(folded, choice) > 1 + len(choice) // FUZZY_LETTERS_PER_EDIT:
            return None
        return entry, score

    def _with_place(self, entry: Entry, score: float, tail: list[str]) -> Match | None:
        """The body `entry` followed by the words `tail`, when they name its place."""
        if entry.generic or is_group(entry.canonical):
            return None
        # "UBND TP LĐLĐ huyện" is two bodies, not a place
        if any(self._lookup(" ".join(tail[:i])) for i in range(1, len(tail) + 1)):
            return None
        own_level = level_word_of(entry.canonical)
        written_level, n = leading_level(tail)
        place = place_name(tail[n:]) if tail[n:] else ""
        if place is None:
            return None
        place = self.places.spelled(place, own_level or written_level or entry.level)
        if own_level:  # multi-level body: the place becomes part of its name
            if n or not place:
                return None
            return _result(entry, score, f"{own_level} {place}", f"{entry.canonical} {place}")
        # Phòng/Sở: the name stays as it is; the place only tells where the body sits
        where = f"{written_level or entry.level} {place}".strip() if place else ""
        return _result(entry, score, where)

    # --- splitting ------------------------------------------------------------------------

    def split(self, text: str) -> list[str]:
        pieces: list[str] = []
        for block in split_blocks(nfc(text)):
            whole = tidy(group_text(block, 0, len(block)))
            if each := self._distributed(whole):
                pieces.extend(each)  # "Các Sở: Tài chính, Nội vụ": one body each
            elif (names := persons(whole)) and not self.match(whole).known:
                pieces.extend(names)  # "Lê Văn An Trần Thị Bình": a cell of persons
            elif tail := self._distributed_tail(block):
                k, each = tail  # "Các sở liên quan và UBND các phường: An Bình, Tân Hòa"
                pieces.extend(self._split_block(block[:k]) + each)
            else:
                pieces.extend(self._split_block(block))
        return pieces

    def _distributed(self, text: str) -> list[str] | None:
        each = distributed(text, lambda t: self.match(t).known)
        return each if each and all(self.match(p).known for p in each) else None

    def _distributed_tail(self, block: list[Segment]) -> tuple[int, list[str]] | None:
        """Where a distributive list follows other bodies in one block: the segment it starts
        at and its bodies."""
        for k in range(1, len(block)):
            if ":" in block[k][0] and (each := self._distributed(tidy(group_text(block, k, len(block))))):
                return k, each
        return None

    def _split_block(self, block: list[Segment]) -> list[str]:
        """The grouping of segments into bodies with the fewest unknown segments, then the
        fewest bodies."""
        n = len(block)
        # best[(j, known)]: cost (unknown segments, fuzzy groups, groups) and back-pointer of the
        # first j segments, last group known?
        best: dict[tuple[int, bool], tuple[tuple[int, int, int], tuple[int, bool] | None]] = {}
        for j in range(1, n + 1):
            for i in range(j):
                if j - i > MAX_GROUP_SEGMENTS and (i, j) != (0, n):
                    continue  # long groups only as the whole block, the unknown fallback
                m = self.match(group_text(block, i, j))
                known = m.known
                # an unknown group counts its segments, and once more each later segment that
                # starts like a body's own name ("Phòng Quản lý A, Phòng Quản lý B": two bodies)
                unknown = 0 if known else j - i + sum(
                    bool(_BODY_START.match(block[k][0].strip())) for k in range(i + 1, j)
                )
                doubt = int(m.how.startswith("fuzzy"))  # an exact reading wins over a fuzzy one
                options = [(None, (0, 0, 0))] if i == 0 else [
                    (s, best[s][0]) for s in ((i, True), (i, False)) if s in best
                    and (block[i][2] is Cut.LOOSE or (s[1] and known))
                ]
                for prev, (u, f, g) in options:
                    cost = (u + unknown, f + doubt, g + 1)
                    if (j, known) not in best or cost < best[(j, known)][0]:
                        best[(j, known)] = (cost, prev)
        state = min((s for s in best if s[0] == n), key=lambda s: best[s][0])
        bounds: list[int] = [n]
        while (prev := best[state][1]) is not None:
            bounds.append(prev[0])
            state = prev
        bounds.append(0)
        bounds.reverse()
        return [tidy(group_text(block, a, b)) for a, b in zip(bounds, bounds[1:], strict=False)]

    # --- public conveniences --------------------------------------------------------------

    def parse_cell(
        self, text: str, role: Role = Role.DOES, locality: dict[str, str] | None = None,
        on: str | None = None,
    ) -> list[AgencyRef]:
        """The bodies a cell names. `on`: the document's date (Metadata.issued_date), for the
        successor of a body merged or dissolved since; None: the matcher's own (for_document),
        and without one any merger counts."""
        on = on if on is not None else self.on
        refs: list[AgencyRef] = []
        for piece in self.split(text):
            m = self.match(piece)
            name = m.canonical or piece
            if any(r.name == name for r in refs):
                continue
            refs.append(AgencyRef(
                raw=piece, name=name, role=role, generic=m.generic, known=m.known,
                jurisdiction=jurisdiction(m, locality or {}),
                successor=successor(name, on) if m.known else "",
            ))
        return refs

    def explain(self, text: str, on: str | None = None) -> list[Explanation]:
        """How `text` was split and each piece named, and why (`plans agencies explain`)."""
        out = []
        for piece in self.split(text):
            m = self.match(piece)
            out.append(Explanation(piece, m, successor(m.canonical, on) if m.known else ""))
        return out

    def find_in_text(self, text: str, role: Role = Role.DOES) -> list[AgencyRef]:
        """Bodies named in prose. Only capitalised names count (a body is written with a
        capital, "thanh tra" the verb is not) and collective mentions are left out: in prose
        "các cơ quan, đơn vị" are usually the ones a task is about, not the ones doing it.

        The names are found by the spaCy pipeline of `pipeline.agencies.nlp` (its entity ruler is built
        from this gazetteer); `match` gives each its canonical name, and a place name printed
        after a body that exists at several levels joins it ("UBND huyện Chi Lăng")."""
        text = nfc(text)
        tokens = list(WORD.finditer(text))
        from pipeline.agencies.nlp import find_bodies, pipeline_for  # spaCy loads in seconds: prose only

        first = {t.start(): k for k, t in enumerate(tokens)}
        last = {t.end(): k + 1 for k, t in enumerate(tokens)}
        spans = [(first[f.start], last[f.end]) for f in find_bodies(text, pipeline_for(self))]
        refs: list[AgencyRef] = []
        done = 0  # tokens up to here are read: a place name is not read again as a body
        for i, j in spans:
            m = self.match(text[tokens[i].start():tokens[j - 1].end()])
            if i < done or not m.known or m.generic:
                continue
            entry = Entry(m.canonical, m.canonical, m.level, m.kind, m.generic)
            m, used = self._place_after(text, tokens, entry, j) or (m, 0)
            if not any(r.name == m.canonical for r in refs):
                raw = text[tokens[i].start():tokens[j + used - 1].end()]
                refs.append(AgencyRef(raw=raw, name=m.canonical, role=role, jurisdiction=m.place))
            done = j + used
        return refs

    def _place_after(self, text: str, tokens: list[re.Match[str]], entry: Entry, j: int
                     ) -> tuple[Match, int] | None:
        """A place name right after a multi-level body in prose, and how many words it takes.
        After a Phòng or Sở the place changes nothing in the name, so it is not looked for."""
        if not level_word_of(entry.canonical):
            return None
        tail: list[str] = []
        for k in range(j, min(len(tokens), j + MAX_PLACE_WORDS)):
            if text[tokens[k - 1].end():tokens[k].start()] != " ":
                break
            tail.append(tokens[k].group())
        while tail:
            if m := self._with_place(entry, 100.0, tail):
                return m, len(tail)
            tail.pop()
        return None

    def title_case_body(self, upper_text: str) -> str:
        """A heading in capitals in official casing: "ỦY BAN NHÂN DÂN HUYỆN CHI LĂNG" ->
        "Ủy ban nhân dân huyện Chi Lăng". Text with no known body gets sentence case."""
        parts = tidy(upper_text).split(" ")
        for words_ in (parts, with_level_marks(parts)):
            for k in range(len(words_), 0, -1):
                exact = keys(" ".join(words_[:k]))[0]
                if entry := self._exact.get(exact):
                    body = entry.canonical if keys(entry.canonical)[0] == exact else entry.variant
                    return " ".join([body, *case_rest(words_[k:])])
        text = " ".join(parts).lower()
        return text[:1].upper() + text[1:]


@dataclass(frozen=True, slots=True)
class Explanation:
    piece: str  # the text of one body, as the split cut it
    match: Match
    successor: str

    def __str__(self) -> str:
        m = self.match
        flags = [f for f, on in (("generic", m.generic), ("unknown", not m.known)) if on]
        extra = f" [{', '.join(flags)}]" if flags else ""
        place = f"; place {m.place}" if m.place else ""
        succ = f"; today: {self.successor}" if self.successor else ""
        return f"{self.piece!r} -> {m.canonical!r}{extra}  ({m.how}{place}{succ})"


def distinct_refs(refs: Iterable[AgencyRef]) -> list[AgencyRef]:
    """Each body once per role, in the order first named (a cell and its continuation over a
    page break, or an agency line and the content, may name it twice)."""
    seen: set[tuple[str, Role]] = set()
    out = []
    for ref in refs:
        key = (nfc(ref.name), ref.role)
        if key not in seen:
            seen.add(key)
            out.append(ref)
    return out


def jurisdiction(m: Match, locality: dict[str, str]) -> str:
    """Where the body sits: the place printed after it, else the issuing place at its level."""
    if not m.known or m.generic or is_group(m.canonical):
        return ""
    if m.place:
        return m.place
    if own := level_word_of(m.canonical):
        return locality.get(own, "")
    return locality.get(m.level, "")


def _result(entry: Entry, score: float, place: str = "", canonical: str = "", how: str = "") -> Match:
    return Match(canonical or entry.canonical, True, entry.generic, entry.level, entry.kind,
                 score, place, how)


def _same_words(a: str, b: str) -> bool:
    return [w.lower() for w in words(a)] == [w.lower() for w in words(b)]


def _how(m: Match, how: str) -> Match:
    return Match(m.canonical, m.known, m.generic, m.level, m.kind, m.score, m.place, how)


def _as_variant(e: Entry, text: str) -> Entry:
    return Entry(text, e.canonical, e.level, e.kind, e.generic, e.priority)


def _folded_index(entries: Iterable[Entry]) -> dict[str, Entry | None]:
    """Folded key -> entry; None where two bodies fold to the same letters (then only the
    exact key tells them apart), unless a user's alias row settles it."""
    by_key: dict[str, list[Entry]] = {}
    for e in entries:
        by_key.setdefault(keys(e.variant)[1], []).append(e)
    out: dict[str, Entry | None] = {}
    for folded, group in by_key.items():
        top = max(e.priority for e in group)
        winners = [e for e in group if e.priority == top]
        out[folded] = winners[-1] if len({e.canonical for e in winners}) == 1 else None
    return out


def _core(token: str) -> str:
    return token.strip(".,;:()[]{}|!'\"")
