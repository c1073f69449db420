"""The kind of a news item, decided by explainable rules: the first rule whose phrase occurs wins.

The order matters and is part of the design: an award or a workshop being organised outranks the
word "accepted" ("our workshop proposal was accepted"), reviewing outranks "joined" ("joined the
programme committee"), a talk outranks travel ("attending NeurIPS to present our poster").
``classify`` returns the kind and the phrase that decided it, so every choice can be shown.
"""

from __future__ import annotations

import re

_RULES: list[tuple[str, list[str]]] = [
    (
        "award",
        [
            r"best (?:paper|student paper|poster|demo|reviewer|thesis|dissertation)",
            r"outstanding (?:paper|reviewer|dissertation|thesis)",
            r"distinguished (?:paper|reviewer)",
            r"\bawards?\b", r"\bawarded\b", r"\bprize\b", r"\bfellowships?\b", r"\bscholarship\b",
            r"\bhonou?red\b", r"\bhonou?rable mention\b", r"\bwon\b", r"\bwinners?\b", r"\bgrant(?:ed)?\b",
        ],
    ),
    (
        "organizing",
        [
            r"\bco-?organi[sz](?:ing|e|ed|er|ers)\b",
            r"(?<![-\w])organi[sz](?:ing|e|ed|er|ers)\b",
            r"call for (?:papers|participation|submissions|abstracts|contributions)", r"\bcfp\b",
            r"accepting submissions", r"open for submissions", r"submission deadline",
            r"(?:general|program|programme|publicity|workshop|local|tutorial|publication|proceedings)"
            r" (?:co-)?chairs?\b",
            r"\bwe (?:are|will be) hosting\b", r"\bwill host\b", r"\bsession chair\b",
            r"\bseeking reviewers\b",
        ],
    ),
    (
        "reviewing",
        [
            r"\breviewers?\b", r"\breviewing\b", r"\breview(?:ed)? for\b", r"\bprogram(?:me)? committee\b",
            r"\bpc members?\b", r"\b(?:s|t)?pc\b", r"\bsenior pc\b", r"\barea chairs?\b",
            r"\bmeta-?reviewers?\b",
            r"\baction editor\b", r"\bassociate editor\b", r"\beditorial board\b", r"\bguest editor\b",
            r"\binvited to review\b", r"\bserve as (?:an? )?(?:ac|pc)\b",
        ],
    ),
    (
        "position",
        [
            r"\baccepted (?:an|the|a) (?:offer|position)\b", r"\bdefended\b", r"\bdefen[cs]e\b",
            r"\bgraduat(?:ed|ing|e)\b", r"\bjoined\b",
            r"\bwill be joining\b", r"\bjoining\b", r"\bstarted (?:as|at|my|a new|working)\b",
            r"\bstarting (?:as|at|my|a new)\b", r"\bappointed\b", r"\bpromoted\b",
            r"\bnew (?:position|role|job)\b", r"\bhired\b", r"\btenure\b",
            r"\b(?:received|completed) my (?:ph\.?d|master|bachelor)", r"\bphd thesis\b",
        ],
    ),
    (
        "acceptance",
        [
            r"\baccepted\b", r"\bacceptance\b", r"\bto appear\b", r"\bwill appear\b", r"\bgot into\b",
            r"\bpublished (?:in|at|by)\b", r"\bappears? (?:in|at)\b", r"\bin press\b",
        ],
    ),
    (
        "talk",
        [
            r"\btalks?\b", r"\bkeynote\b", r"\bseminar\b", r"\bcolloquium\b", r"\binvited speaker\b",
            r"\bgave a\b", r"\bgiving a\b", r"\bwill give\b", r"\bspoke\b", r"\bspeaking\b",
            r"\bpresent(?:ed|ing|s)?\b", r"\bpresentation\b", r"\btutorial\b", r"\blecture\b",
            r"\bpanel(?:ist)?\b", r"\bwebinar\b", r"\bpodcast\b", r"\binterviewed\b",
        ],
    ),
    (
        "travel",
        [
            r"\battend(?:ing|ed)?\b", r"\bwill be (?:at|in)\b", r"\bi am at\b", r"\bi'm at\b", r"\bi am in\b",
            r"\bvisit(?:ing|ed|s)?\b", r"\btrip to\b", r"\btravel(?:ing|led|ling)?\b", r"\bheading to\b",
            r"\bsee you (?:at|in)\b", r"\bin person\b", r"\bparticipat(?:e|ing|ed) in\b",
        ],
    ),
    (
        "position",
        [
            r"\bmoved to\b", r"\bmoving to\b", r"\barrived (?:in|at)\b", r"\brelocated\b",
            r"\binternship\b", r"\binterning\b", r"\bintern\b", r"\bwelcomes?\b", r"\bstarted\b",
            r"\bphd student\b", r"\bpostdoc\b",
        ],
    ),
    (
        "preprint",
        [
            r"\bpreprints?\b", r"\barxiv\b", r"\breleased?\b",
            r"\bcode (?:is )?(?:now )?(?:available|released|online|out)\b", r"\bnow available\b",
            r"\bnew paper\b", r"\bposted\b", r"\bopen[- ]sourced?\b", r"\bunder review\b", r"\bsubmitted\b",
            r"\bcheck out\b", r"\bnew blog\b",
        ],
    ),
]  # fmt: skip
_COMPILED = [(kind, re.compile("|".join(phrases), re.IGNORECASE)) for kind, phrases in _RULES]


# Every repetition is bounded, so a line full of unclosed "[a](" or quotes costs linear time.
_LINK_TEXT = re.compile(
    r"\[(?:[^\[\]]|\[[^\[\]]{0,500}\]){0,500}\]\([^)\n]{0,2000}\)|\*[^*\n]{12,500}\*"
    r"|\"[^\"\n]{12,500}\"|“[^”\n]{12,500}”"
)


CLASSIFY_CHARS = 5_000


def classify(text: str) -> tuple[str, str]:
    """(kind, rule): the kind and the phrase that decided it, or ("other", "no rule matched").

    The rules read the sentence around linked, quoted or italic titles first: a paper called
    "Self-Organizing Maps" is still an acceptance. Only when that finds nothing is the whole
    text read.
    """
    text = text[:CLASSIFY_CHARS]  # the kind is in the first sentences; the cost stays bounded
    skeleton = _LINK_TEXT.sub(" … ", text)
    for candidate in (skeleton, text):
        for kind, pattern in _COMPILED:
            m = pattern.search(candidate)
            if m:
                return kind, m.group(0).lower()
    return "other", "no rule matched"
