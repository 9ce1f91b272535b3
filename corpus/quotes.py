"""Direct quotations in an article's body, with their speakers resolved to the article's entities.

Pure text work over the entities the article already has (no model at call time), so it runs in the
entity pass at index time. Rules, in the order they decide a quote's speaker:

1. an attribution right after the quote: `"…," Hegseth said`, `"…," said a readout`, `"…" he added`;
2. another such attribution in the same sentence (`"…," X said, stressing "…"`);
3. an entity right before a verb that reaches the opening mark: `a move X called "…"`;
4. the sentence's subject: `X said: "…"`, `X, stating, "…"`, `calling it "…"`, after any opening
   phrase (`During the meeting, X stressed "…"`, `According to Y, X "…"`);
5. the source of `according to Y` when the subject is not an entity;
6. a quote that is a sentence of its own, with no attribution, right after a sentence of the same
   paragraph whose quote has a speaker: `"…," X said. "More…"` (the wire convention for going on).

A speaker the text names but that is not an entity ("an official", "a readout", "the two leaders")
gives None: the quote is kept, never guessed. "He"/"she" resolve to the last person who was a subject
or speaker only when no other person was named since. Captions and comments are not in the body, so
they are never quotes of the article; short title-case phrases in quotes ("America First") are names.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from corpus.model import PARAGRAPH_SEPARATOR, Article, Entity, EntityType, Quote
from corpus.sentences import sentence_spans

OPENERS = '“"'
CLOSERS = '”"'
_MASK = "X"  # upper case, so a quote that opens a sentence still starts one

SPEECH_VERBS = (
    "said|says|say|added|adds|told|tells|remarked|remarks|stated|states|noted|notes|stressed|stresses|"
    "explained|explains|asked|asks|declared|insisted|warned|warns|wrote|writes|argued|argues|continued|"
    "replied|responded|emphasi[sz]ed|tweeted|posted|announced|commented|observed|acknowledged|admitted|"
    "recalled|concluded|suggested|pointed out|cautioned|claimed|conceded|quipped|countered|agreed|"
    "confirmed|affirmed|reaffirmed|urged|vowed|promised|predicted|maintained|highlighted|summed up"
)
_VERB = rf"(?:{SPEECH_VERBS})"
# After the closing mark: `, said Hegseth` / `, said a readout` (the speaker after the verb).
_VERB_FIRST = re.compile(rf"\s*[,;:—–-]?\s*{_VERB}\s+(?P<who>[^.;:!?“”\"]{{1,90}}?)\s*(?=[,.;:!?]|$)")
# After the closing mark: `, Hegseth said` / `, Hamada, the minister, added` (the speaker first).
_WHO_FIRST = re.compile(rf"\s*[,;:—–-]?\s*(?P<who>[^.;:!?“”\"]{{1,90}}?)\s+{_VERB}\b")
# Before a partial quote, a verb of saying or naming right after its speaker: `a move X called "…"`,
# `which X described as "…"`, `X said it was "…"` is not one (the verb must reach the mark).
_NAMING_BEFORE = re.compile(
    rf"\s(?:{SPEECH_VERBS}|calls|called|describes|described|terms|termed|dubbed|labell?ed|branded)"
    r"(?:\s+(?:it|them|this|that|him|her|(?:the|his|her|its|their)\s+[a-z]+))?(?:\s+as)?\s*[,:]?\s*$"
)
_ACCORDING_AFTER = re.compile(r"\s*[,;:—–-]?\s*according to\s+(?P<who>[^.;:!?“”\"]{1,90}?)\s*(?=[,.;:!?]|$)")
# Opening phrases before a sentence's subject: "During the meeting, ", "According to X, ", "However, ".
_INTRO = re.compile(
    r"(?P<lead>According to|But|And|So|Yet|Or|As|During|In|On|At|After|Before|Following|However|Meanwhile|"
    r"Later|Earlier|Separately|Last|This|That|Further|Furthermore|Moreover|Also|Still|Yet|Instead|Despite|Amid|For|With|"
    r"Under|Since|Today|Yesterday|Now|Then|When|While|Speaking|Asked|Addressing|Writing|Responding|"
    r"[A-Z][a-z]+ly|[A-Z][a-z]+ing|which|who|where|when)\b(?P<phrase>(?:[^,;“”\"]|,(?=\s*\d))*?),(?!\s*\d)\s+"
)
# The period of a title's abbreviation or an initial before a name ("Rear Adm. Paula Kerr", "U.S.
# Ambassador", "J. R. Brown"): inside an attribution it ends neither the speaker nor the sentence.
_ABBREVIATION_DOT = re.compile(
    r"(?<!\w)(?:[A-Z]|Adm|Gen|Gens|Lt|Col|Cmdr|Cdr|Capt|Maj|Sgt|Cpl|Pvt|Brig|Dr|Mr|Mrs|Ms|Sen|Sens|Rep|Reps|"
    r"Gov|Prof|Rev|Hon|Amb|St|Jr|Sr)(\.)(?=\s*[A-Z])"
)
_DOT_STAND_IN = "\u2024"
# Right before an opening mark: the quoted words are a term the text talks about, not a quotation.
_TERM_BEFORE = re.compile(
    r"(?:\bso-called|\b(?:the|a|this|that)\s+(?:key\s*)?(?:word|term|phrase|expression|slogan|label|name)s?)\s*$",
    re.IGNORECASE,
)  # one dot leader: the same length, so offsets hold
_WORD = re.compile(r"[^\s,;:]+")
_NEXT_WORD = re.compile(r"\s*([^\s,;:]+)")
_POSSESSIVE = re.compile(r"['’]s\b")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that may stand before a subject's name: determiners and the vocabulary of titles.
_PREFIX_WORDS = _words(
    "the a an of for and to on de von van da der 's ’s former then acting deputy vice foreign defense "
    "defence prime state minister secretary president premier chief senior general gen adm admiral "
    "ambassador spokesperson spokesman spokeswoman envoy senator sen rep representative governor gov mayor "
    "commander lt col colonel sgt maj major captain capt director head chair chairman chairwoman leader "
    "affairs finance trade economy treasury cabinet parliamentary press u.s. us japanese american lawyer "
    "attorney analyst economist executive officer official spokesman founder partner researcher professor "
    "consultant manager boss editor correspondent adviser advisor strategist enforcement"
)
# Nouns after an organisation or person that still make it the speaker: "the ministry's statement".
_DOCUMENT_NOUNS = _words(
    "statement statements readout readouts release report communique communiqué announcement post letter "
    "website transcript briefing summary note notice document"
)
_PRONOUNS = frozenset({"he", "she"})
_PLURAL_PRONOUNS = frozenset({"they", "we", "it", "i", "you"})
_NAME_CONNECTORS = frozenset({"of", "the", "and", "for", "in", "on", "a", "to", "&"})


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    entity: Entity


class _Pronoun:
    """The subject or speaker was "he"/"she": resolved against the article's recent people."""


_PRONOUN = _Pronoun()
_NOBODY = object()  # the text names a speaker that is not an entity: the quote stays unattributed

Who = Entity | _Pronoun | object | None


def extract_quotes(article: Article) -> tuple[Quote, ...]:
    """The article's quotations in body order, each with its speaker or None."""
    spans = _quote_spans(article.paragraphs)
    if not spans:
        return ()
    body = article.body
    masked = _masked(body, spans)
    mentions = _mentions(article.entities, spans)
    return tuple(_Resolver(body, masked, mentions, article.paragraphs).quotes(spans))


# -- finding quotations -----------------------------------------------------------------------------
def _quote_spans(paragraphs: Sequence[str]) -> list[list[tuple[int, int]]]:
    """Each quotation as its interior segments (body offsets): one per paragraph or reopened passage."""
    found: list[list[tuple[int, int]]] = []
    offset = 0
    open_quote: list[tuple[int, int]] | None = None  # a quote left open by the previous paragraph
    for paragraph in paragraphs:
        groups, left_open = _paragraph_quotes(paragraph)
        quotes = [[(offset + s, offset + e) for s, e in group] for group in groups]
        if open_quote is not None:
            if quotes and groups[0][0][0] == 1 and paragraph[:1] in OPENERS:
                quotes[0] = open_quote + quotes[0]  # the convention for a quote that runs on
            else:
                found.append(open_quote)
            open_quote = None
        if left_open:
            open_quote = quotes.pop()
        found.extend(quotes)
        offset += len(paragraph) + len(PARAGRAPH_SEPARATOR)
    if open_quote is not None:
        found.append(open_quote)
    return [q for q in found if _is_quotation(q, paragraphs)]


def _paragraph_quotes(text: str) -> tuple[list[list[tuple[int, int]]], bool]:
    """The paragraph's quotations as interior segments; True when the last one is never closed.

    A new opening mark after a finished sentence inside a quotation (`… it. "But …`) reopens the same
    quotation without closing it: the convention for a quote that runs on over paragraphs, which
    some sources keep when they join paragraphs into one."""
    groups: list[list[tuple[int, int]]] = []
    opened: int | None = None
    for index, char in enumerate(text):
        after_space = index == 0 or text[index - 1].isspace()
        before_word = index + 1 < len(text) and not text[index + 1].isspace()
        if opened is None:
            if (char in OPENERS or (char == "”" and after_space)) and before_word:
                opened = index + 1
                groups.append([])
        elif after_space and before_word and (char == "“" or (char == '"' and _ends_sentence(text, index))):
            groups[-1].append((opened, len(text[:index].rstrip())))
            opened = index + 1
        elif char in CLOSERS:
            groups[-1].append((opened, index))
            opened = None
    if opened is not None:
        groups[-1].append((opened, len(text)))
        return groups, True
    return groups, False


def _ends_sentence(text: str, index: int) -> bool:
    return text[:index].rstrip()[-1:] in {".", "!", "?"}


def _is_quotation(segments: list[tuple[int, int]], paragraphs: Sequence[str]) -> bool:
    """False for empty marks, names in quotes ("America First", “Saberhawks”) and a few words the text
    presents as a term (so-called "grey zone", the word "deterrence"): words, not anyone's quotation."""
    body = PARAGRAPH_SEPARATOR.join(paragraphs) if len(segments) > 1 else None
    text = _segments_text(segments, body, paragraphs)
    words = text.split()
    if not any(ch.isalpha() for ch in text):
        return False
    if len(words) <= 4 and text.rstrip()[-1:] not in ".,!?;:":
        title_case = all(w[:1].isupper() or w.casefold() in _NAME_CONNECTORS for w in words)
        if title_case and words[0][:1].isupper():
            return False
        whole = body if body is not None else PARAGRAPH_SEPARATOR.join(paragraphs)
        if _TERM_BEFORE.search(whole, max(0, segments[0][0] - 40), max(0, segments[0][0] - 1)):
            return False
    return True


def _segments_text(segments: list[tuple[int, int]], body: str | None, paragraphs: Sequence[str]) -> str:
    text = body if body is not None else PARAGRAPH_SEPARATOR.join(paragraphs)
    return PARAGRAPH_SEPARATOR.join(text[s:e].strip() for s, e in segments)


def _masked(body: str, spans: list[list[tuple[int, int]]]) -> str:
    """The body with quoted words blanked (a final . ! ? kept), so sentences and subjects ignore them."""
    chars = list(body)
    for segments in spans:
        for start, end in segments:
            keep = end - 1 if end > start and body[end - 1] in ".!?" else end
            chars[start:keep] = _MASK * (keep - start)
    return "".join(chars)


def _mentions(entities: Sequence[Entity], spans: list[list[tuple[int, int]]]) -> list[_Mention]:
    """People and organisations named outside quotations, in body order."""
    inside = sorted(segment for segments in spans for segment in segments)
    starts = [s for s, _ in inside]
    found = []
    for entity in entities:
        if entity.type == EntityType.PLACE:
            continue
        for span in entity.mentions:
            at = bisect_left(starts, span.start + 1) - 1
            if at >= 0 and inside[at][0] <= span.start < inside[at][1]:
                continue
            found.append(_Mention(span.start, span.end, entity))
    found.sort(key=lambda m: (m.start, -m.end))
    return found


# -- attributing them -------------------------------------------------------------------------------
class _Resolver:
    def __init__(self, body: str, masked: str, mentions: list[_Mention], paragraphs: Sequence[str]) -> None:
        self.body = body
        self.masked = masked
        self.mentions = mentions
        self.starts = [m.start for m in mentions]
        self.sentences = _sentences(masked, paragraphs)
        self.sentence_starts = [s for s, _ in self.sentences]
        self.last_person: _Mention | None = None

    def quotes(self, spans: list[list[tuple[int, int]]]) -> list[Quote]:
        by_sentence: dict[int, list[int]] = {}
        closing_sentence: list[int] = []
        for index, segments in enumerate(spans):
            by_sentence.setdefault(self._sentence_at(segments[0][0]), []).append(index)
            closing_sentence.append(self._sentence_at(segments[-1][1] - 1))
        after: dict[int, Who] = {}
        speakers: list[Who] = [None] * len(spans)
        bare: set[int] = set()  # quotes nothing in their sentence attributes
        for number, (start, end) in enumerate(self.sentences):
            closing_here = [i for i, s in enumerate(closing_sentence) if s == number]
            for index in closing_here:
                who = self._after_quote(spans[index][-1][1], end)
                if who is not None:
                    after[index] = self._resolve(who, spans[index][0][0])
            subject, source = self._subject(start, end)
            resolved_subject = self._resolve(subject, start)
            opening_here = by_sentence.get(number, [])
            mates = [after[i] for i in closing_here + opening_here if i in after]
            for index in opening_here:
                before = self._named_before(spans[index][0][0], start)
                speakers[index] = self._speaker(after.get(index), mates, before or resolved_subject, source)
                if after.get(index) is None and not mates and before is None and subject is None and source is None:
                    bare.add(index)
            self._remember(resolved_subject, [speakers[i] for i in opening_here], end)
        for index, who in after.items():  # a quote over several sentences, attributed at its end
            speakers[index] = who
        for index in sorted(bare):
            if index and index not in after and self._goes_on(spans[index - 1], spans[index]):
                speakers[index] = speakers[index - 1]
        return [self._quote(segments, speaker) for segments, speaker in zip(spans, speakers, strict=True)]

    def _named_before(self, opening: int, sentence_start: int) -> Entity | None:
        """The entity right before a verb that runs up to the quote's opening mark, if any."""
        verb = _NAMING_BEFORE.search(self.masked, sentence_start, max(opening - 1, sentence_start))
        if verb is None:
            return None
        found = self._mentions_in(sentence_start, verb.start() + 1)
        if not found or found[-1].end != verb.start():
            return None
        joined = self.masked[sentence_start : found[-1].start].split()[-1:]  # "A and B called": two speakers
        return None if joined and joined[0].casefold() in {"and", "or", "nor", "&"} else found[-1].entity

    def _goes_on(self, previous: list[tuple[int, int]], quote: list[tuple[int, int]]) -> bool:
        """Whether `quote` opens the sentence after the one where `previous` closed, in its paragraph."""
        number = self._sentence_at(quote[0][0])
        start = self.sentences[number][0]
        return (
            self._sentence_at(previous[-1][1] - 1) == number - 1
            and PARAGRAPH_SEPARATOR not in self.body[previous[-1][1] : quote[0][0]]
            and self.masked[start : quote[0][0]].strip() in OPENERS
        )

    @staticmethod
    def _speaker(own: Who, mates: list[Who], subject: Who, source: Who) -> Who:
        if own is not None:
            return own
        if mates:
            return mates[0]
        if isinstance(subject, Entity):
            return subject
        if isinstance(source, Entity):
            return source
        return _NOBODY

    def _quote(self, segments: list[tuple[int, int]], speaker: Who) -> Quote:
        text = PARAGRAPH_SEPARATOR.join(self.body[s:e].strip() for s, e in segments)
        start, end = segments[0][0], segments[-1][1]
        if not isinstance(speaker, Entity):
            return Quote(text, start, end)
        return Quote(text, start, end, speaker.name, speaker.key, speaker.type, speaker.role)

    def _sentence_at(self, position: int) -> int:
        return max(0, bisect_left(self.sentence_starts, position + 1) - 1)

    # -- the speaker named after a quotation --------------------------------------------------------
    def _after_quote(self, close: int, sentence_end: int) -> Who:
        """The speaker an attribution right after the closing mark names, or None when there is none."""
        tail_start = close + 1
        tail = _ABBREVIATION_DOT.sub(lambda m: m.group()[:-1] + _DOT_STAND_IN, self.masked[tail_start:sentence_end])
        quoted_end = self.body[max(close - 1, 0) : close]
        attributive = quoted_end in {",", "?", "!", "—", "-", "–"} or re.match(r"\s*[,—–-]", tail) is not None
        for pattern in (_ACCORDING_AFTER, _VERB_FIRST):
            match = pattern.match(tail)
            if match:
                return self._who(tail_start + match.start("who"), tail_start + match.end("who"))
        match = _WHO_FIRST.match(tail)
        if match and attributive and _names_someone(match.group("who")):
            return self._who(tail_start + match.start("who"), tail_start + match.end("who"))
        return None

    def _who(self, start: int, end: int) -> Who:
        """The speaker an attribution names: the last person in its head ("Yukos lawyer Zack Clement",
        "Dr Doug Williams of BT"), else an organisation standing alone ("the Pentagon"); an
        organisation's unnamed staff ("a Yukos spokesman") is nobody the article names."""
        text = self.masked[start:end].strip()
        if text.split(" ", 1)[0].casefold() in _PRONOUNS:
            return _PRONOUN
        comma = self.masked.find(",", start, end)
        head_end = comma if comma > start else end
        mentions = self._mentions_in(start, head_end)
        people = [m for m in mentions if m.entity.type == EntityType.PERSON]
        if people:
            return people[-1].entity
        if mentions:
            rest = self.masked[mentions[-1].end : head_end].split()
            if not rest or rest[0].casefold() in _DOCUMENT_NOUNS:
                return mentions[-1].entity
        return _NOBODY

    def _mentions_in(self, start: int, end: int) -> list[_Mention]:
        at = bisect_left(self.starts, start)
        found = []
        while at < len(self.mentions) and self.mentions[at].start < end:
            found.append(self.mentions[at])
            at += 1
        return found

    def _first_mention(self, start: int, end: int) -> _Mention | None:
        at = bisect_left(self.starts, start)
        if at < len(self.mentions) and self.mentions[at].start < end:
            return self.mentions[at]
        return None

    # -- the subject of a sentence ------------------------------------------------------------------
    def _subject(self, start: int, end: int) -> tuple[Who, Who]:
        """The sentence's subject, and the source of an opening "according to X" (either may be None)."""
        text = self.masked
        position = start
        source: Who = None
        for _ in range(3):
            match = _INTRO.match(text, position, end)
            if not match:
                break
            if match.group("lead") == "According to":
                source = self._who(match.start("phrase"), match.end("phrase"))
            position = match.end()
        if text[position : position + 1] in OPENERS:
            return None, source
        return self._scan_subject(position, end), source

    def _scan_subject(self, position: int, end: int, org: _Mention | None = None) -> Who:
        """The first person or organisation before the verb; an organisation followed by a title and a
        person ("Wembley chairman Claes Hultman said") gives the person, by a bare title nobody."""
        text = self.masked
        first = org is None
        for _ in range(14):
            while position < end and text[position].isspace():
                position += 1
            word = _WORD.match(text, position, end)
            if word is None:
                return None
            if word.group()[0] in OPENERS:
                return None  # a quotation before any subject: attributed after it, if at all
            mention = self._first_mention(word.start(), word.end())
            if mention is not None and mention.entity.type == EntityType.ORG and org is None:
                following = _NEXT_WORD.match(text, mention.end, end)
                title = following is not None and following.group(1).casefold() in _PREFIX_WORDS
                if not title:
                    return self._subject_mention(mention, end)
                return self._scan_subject(mention.end, end, org=mention)
            if mention is not None:
                return self._subject_mention(mention, end)
            token = word.group().strip("()[]'’").casefold()
            if first and token in _PRONOUNS:
                return _PRONOUN
            if token in _PLURAL_PRONOUNS:
                return _NOBODY
            if not (word.group()[:1].isupper() or token in _PREFIX_WORDS or _POSSESSIVE.search(token)):
                return _NOBODY
            first = False
            position = word.end()
            while position < end and text[position] in " ,;:":
                position += 1
        return None

    def _subject_mention(self, mention: _Mention, end: int) -> Who:
        after = self.masked[mention.end : min(end, mention.end + 60)]
        possessive = _POSSESSIVE.match(after)
        if possessive:
            noun = re.match(r"\s*([a-z]+)", after[possessive.end() :])
            if noun and noun.group(1) in _DOCUMENT_NOUNS:
                return mention.entity
            return self._scan_subject(mention.end + possessive.end(), end)
        noun = re.match(r"\s+([a-z]+)", after)
        if noun and noun.group(1) == "and":
            return _NOBODY  # "Hayashi and Blinken reiterated …": two speakers, not one
        return mention.entity

    # -- he and she ---------------------------------------------------------------------------------
    def _resolve(self, who: Who, position: int) -> Who:
        if who is not _PRONOUN:
            return who
        last = self.last_person
        if last is None:
            return _NOBODY
        at = bisect_left(self.starts, last.end)
        for mention in self.mentions[at:]:
            if mention.start >= position:
                break
            if mention.entity.type == EntityType.PERSON and mention.entity.key != last.entity.key:
                return _NOBODY
        return last.entity

    def _remember(self, subject: Who, speakers: list[Who], sentence_end: int) -> None:
        """The last person who spoke or was a subject, for a later "he said"."""
        for who in [subject, *speakers]:
            if isinstance(who, Entity) and who.type == EntityType.PERSON:
                named = [m for m in self.mentions if m.entity.key == who.key and m.start < sentence_end]
                if named:
                    self.last_person = named[-1]


def _names_someone(who: str) -> bool:
    """Whether text before a speech verb is a speaker ("Hegseth", "he", "a spokesman"), not a clause."""
    words = who.split()
    if not words or len(words) > 10:
        return False
    first = words[0].casefold()
    return words[0][:1].isupper() or first in _PRONOUNS or first in {"a", "an", "the"}


def _sentences(masked: str, paragraphs: Sequence[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in paragraphs:
        text = masked[offset : offset + len(paragraph)]
        spans.extend((offset + s, offset + e) for s, e in sentence_spans(text) or [(0, len(text))])
        offset += len(paragraph) + len(PARAGRAPH_SEPARATOR)
    return spans
