"""The kind of a news item, decided by weighing what the sentence says (pure, explainable).

Each *cue* is a phrase with the kind it speaks for and a weight: "awarded" and "best paper" speak
for an award, "accepted to" for an acceptance, "program committee" for reviewing. A cue counts for
more where the author's own news is told and for less where it is only context:

- in the first sentence (the headline of the item) rather than in later ones;
- at the head of its sentence ("Presented a poster …", "Our paper is accepted …") rather than
  deep inside it;
- not inside a subordinate phrase: "after three years of *reviewing*", "invited me *to attend*",
  "for my *accepted* paper" are circumstances, not the news.

The score of a kind is its strongest cue plus a quarter of the others; the highest score is the
primary kind (ties go to the more specific kind, in the order of ``_PRIORITY``), and every other
kind with a strong cue of its own becomes a secondary kind ("awarded a travel grant to present our
talk at NeurIPS": award, also travel and talk). ``rule`` names the phrases that decided, so the
admin preview and ``--json`` can show why. Nothing strong enough: ``other``.

The cues are general phrasing found on researchers' pages, not sentences of any one page. Cost:
one pass of a handful of compiled patterns over at most ``CLASSIFY_CHARS`` characters.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from re import _constants as _sre  # type: ignore[attr-defined]
from re._parser import parse as _sre_parse  # type: ignore[import-not-found]
from typing import Any

CLASSIFY_CHARS = 5_000

# Ties go to the kind that says more: an award of a talk slot is an award, a workshop that is
# accepted is being organised, a talk at a conference one travels to is a talk.
_PRIORITY = (
    "organizing", "award", "reviewing", "position", "acceptance", "talk", "travel", "preprint", "other",
)  # fmt: skip
_RANK = {kind: i for i, kind in enumerate(_PRIORITY)}

# (kind, weight, pattern). Patterns are lower-case, matched on lower-cased text with titles blanked.
_CUES: list[tuple[str, float, str]] = [
    # ---- award ----
    ("award", 3.5, r"\b(?:best|outstanding|distinguished|top)\b[\w\s()%-]{0,30}?\b(?:award|paper|poster|demo|talk|reviewers?|thesis|dissertation|graduate|student)\b"),
    ("award", 3.0, r"\bawards?\b|\bawarded\b|\bprizes?\b|\bfellowships?\b|\bscholarships?\b|\bhonou?rable mention\b"),
    ("award", 3.0, r"\b(?:won|wins?|winning|winners?)\b|\b(?:first|second|third|1st|2nd|3rd|\d+th) place\b|\b(?:gold|silver|bronze) medal\b"),
    ("award", 2.5, r"\bgrants?\b|\bfunded\b|\bfunding\b|\bgifts?\b|\bnominat(?:ed|ion)\b|\brecipient\b|\brising stars?\b"),
    ("award", 2.5, r"\b(?:recogni[sz]ed|honou?red) (?:as|with|for|to)\b|\branked (?:the )?(?:first|top|\d)"),
    ("award", 2.0, r"\bselected (?:as|to|for|among)\b|\bhonou?red\b"),
    ("award", 3.0, r"\bnamed (?:an? |the |as )?[^.!?]{0,40}?\b(?:scholars?|fellows?|laureates?|finalists?|stars?)\b"),
    ("award", 1.5, r"\breceiv(?:e|ed|es|ing)\b|\bgot\b|\bearned\b"),
    ("award", 4.0, r"\btravel (?:awards?|grants?|fellowships?|support|scholarships?)\b"),
    # ---- organizing ----
    ("organizing", 3.5, r"(?<![\w-])(?:co-?)?organi[sz](?:e|es|ed|ing|ers?|ation)\b|\b(?:co-?)?host(?:s|ed|ing)?\b(?! by)"),
    ("organizing", 3.5, r"\b(?:general|program|programme|publicity|workshop|local|tutorial|publication|proceedings|session|track|web(?:site)?|finance|industry|demo|doctoral consortium) (?:co-?)?chairs?\b|\bchaired\b|\bco-?chair(?:ed|ing)?\b"),
    ("organizing", 3.5, r"\bcall for (?:papers|participation|submissions|abstracts|contributions)\b|\bcfp\b|\bsubmissions? (?:deadline|is open|are open|are welcome)\b|\bcontributions are welcome\b"),
    ("organizing", 3.5, r"\b(?:accepting|open for|welcom(?:e|es|ing)) (?:submissions|papers|contributions|abstracts)\b|\bseeking reviewers\b|\bsubmission deadline\b|\bsubmit your\b"),
    ("organizing", 4.0, r"\b(?:our|the) (?:\w+ )?(?:workshop|challenge|competition|tutorial|special session|symposium)(?: proposal)?\b[^.!?]{0,80}?\b(?:accepted|approved|selected)\b|\bworkshop proposal\b"),
    ("organizing", 3.0, r"\b(?:hold|holding|held|run|running|arranged|arranging|launch(?:ed|ing)?)\b[^.!?]{0,40}?\b(?:workshop|challenge|competition|summer school|winter school|hackathon|program(?:me)?|seminar series|symposium|conference|meetup)\b"),
    ("organizing", 3.0, r"\b(?:will be|is being) held (?:in|at)\b"),
    ("organizing", 3.0, r"\bspecial sessions?\b|\binvit(?:e|es|ing) (?:speakers|talks)\b|\binaugural (?:speaker|talk|lecture)\b|\bbring(?:s|ing)? together\b|\bjoin (?:us|our \w+) (?:at|in|for)\b|\bchair(?:s|ing)? (?:the|a|our)\b[^.!?]{0,30}?\b(?:workshop|session|symposium|track|panel)\b"),
    ("organizing", 2.5, r"\b(?:released|launched|announc(?:e|ed|ing))\b[^.!?]{0,40}?\b(?:challenge|competition)\b|\b(?:challenge|competition)\b[^.!?]{0,20}?\breleased\b"),
    # ---- reviewing ----
    ("reviewing", 3.5, r"(?<![-\w])(?:external |standing |emergency |expert )?(?:meta-?)?reviewers?\b|\breview(?:ing|ed)? for\b|\breviewing\b"),
    ("reviewing", 3.5, r"\bprogram(?:me)? committee\b|\bpc (?:member|chair)s?\b|\b(?:s|t)?pc\b(?! chair)|\bsenior pc\b|\b(?:senior )?(?:area|associate) chairs?\b|\bsac\b|\bac\b(?= (?:for|of|at))"),
    ("reviewing", 3.5, r"\b(?:associate|action|guest|handling|co-?|section) editors?\b|\beditorial board\b|\beditor\b"),
    ("reviewing", 2.5, r"\b(?:evaluation|review|technical|steering|scientific)(?: \([^)]{1,12}\))? committee\b|\bjury\b|\bjudge\b"),
    ("reviewing", 3.0, r"\bserv(?:e|es|ed|ing) (?:on|in) (?:the )?[^.!?]{0,50}?\bcommittee\b"),
    ("reviewing", 3.0, r"\bedit(?:s|ed|ing)? (?:a|an|the|our) (?:\w+ )?(?:research topic|special issue|topical collection|themed issue)\b"),
    # ---- position ----
    ("position", 3.0, r"\bjoin(?:ed|ing|s)?\b(?! (?:the |our )?(?:program|programme|organi[sz]ing|technical|steering|review) committee)(?! as an? (?:panel|speaker|reviewer))(?![^.!?]{0,40}\b(?:school|summit|bootcamp|hackathon|meetup|retreat|conference|symposium)\b)"),
    ("travel", 3.0, r"\bjoin(?:ed|ing|s)?\b(?=[^.!?]{0,40}\b(?:school|summit|bootcamp|hackathon|meetup|retreat|conference|symposium)\b)"),
    ("position", 3.0, r"\b(?:start(?:ed|ing|s)?|begin(?:ning|s)?|began|become|became)\b[^.!?]{0,30}?\b(?:as an?|position|role|job|ph\.?d|postdoc|internship|intern\b|professor|lecturer|scientist|engineer|student|researcher|fellow|course)"),
    ("position", 3.5, r"\b(?:defen[cd]ed|defen[cs]e)\b|\bviva\b|\bqualif(?:ying|ier)\b|\bcandidacy\b|\bph\.?d\.? candidate\b|\bgraduat(?:ed|ing)\b|\bgraduate (?:from|with|in)\b|\bthesis defen|\b(?:passed|finished|completed) (?:my|his|her|their|the)\b[^.!?]{0,30}?\b(?:exam|examination|viva|defen[cs]e|degree|ph\.?d|master|internship)"),
    ("position", 3.5, r"\bappointed\b|\bpromoted\b|\bhired\b|\btenure(?:-track)?\b|\bnew (?:position|role|job)\b|\boffers? (?:from|of|at)\b|\baccepted (?:an|the|a) (?:offer|position)\b"),
    ("position", 3.0, r"\badmi(?:ssion|tted)\b|\b(?:ph\.?d|master'?s?|ms|m\.?sc|bachelor'?s?|doctoral|graduate) (?:program(?:me)?|degree|studies|course|student)\b"),
    ("position", 3.0, r"\binterns?\b|\binternship\b|\binterning\b|\bpostdoc(?:toral)?\b|\bvisiting (?:student|researcher|scholar|professor|phd)\b|\bassistant professor\b|\bmoving to\b|\bmoved to\b|\barrived (?:in|at)\b|\brelocated\b|\bgoing to\b[^.!?]{0,40}\bas an?\b"),
    ("position", 3.0, r"\b(?:excited|happy|pleased|thrilled|glad|delighted) to welcome\b|\bwelcomes?\b \w+(?: \w+)? (?:to|into|as)\b|\bwill be (?:working|interning) (?:at|with|for)\b"),
    # ---- acceptance ----
    ("acceptance", 3.0, r"\baccepted\b(?! as an? (?:student )?(?:volunteer|participant|member|attendee|mentor|fellow))|\bacceptance\b|\bto appear\b|\bwill appear\b|\bappear(?:s|ed)? (?:in|at)\b|\bin press\b|\bgot into\b"),
    ("acceptance", 3.0, r"\bpublish(?:ed|es)? (?:in|at|by|on)\b|\b(?:has been|was|were|is|are|been) published\b|\bpapers? (?:in|at) (?:the )?[a-z]"),
    ("acceptance", 2.5, r"\b(?:selected|chosen) (?:as|for) (?:an? )?(?:oral|spotlight|highlight|long talk|contributed talk)\b|\bas (?:an? )?(?:oral|spotlight|highlight)\b"),
    ("acceptance", 3.0, r"\bmade it (?:in)?to\b|\bnew publications?\b"),
    ("acceptance", 3.0, r"\bpublish(?:es|ing)\b[^.!?]{0,30}?\b(?:paper|article|study)\b"),
    ("acceptance", 3.0, r"\b(?:wrote|written|write) (?:a|an|our) (?:\w+ )?review\b|\breview (?:article|paper)\b"),
    ("acceptance", 2.0, r"\babstract\s*:"),
    # ---- talk ----
    ("talk", 3.0, r"\btalk(?:s|ed)?\b|\bkeynotes?\b|\bcolloquium\b|\binvited speaker\b|\bkeynote speaker\b|\bguest lecture\b|\bspeaker\b"),
    ("talk", 3.0, r"\b(?:gave|giving|give|deliver(?:ed|ing)?)\b(?: an?| the| my)?\b|\bspoke\b|\bspeak(?:s|ing)? (?:at|about|on|to)\b|\bwill speak\b|\btalk (?:at|about|on)\b"),
    # "2005.07 ~ present", "2019 – present" (the dash and tilde cleaned to spaces): the end of a
    # range of dates, no talk
    ("talk", 3.0, r"(?<!\d )(?<!\d  )(?<!\d   )\bpresent\b|\bpresent(?:ed|ing|s)\b|\bpresentations?\b|\bposters?\b|\bdemo(?:ing|ed|s)?\b|\bdemonstrat(?:ed|ing)\b"),
    ("talk", 2.5, r"\btutorials?\b|\blectures?\b|\bpanel(?:ist)?s?\b|\bwebinar\b|\bpodcast\b|\binterviewed\b|\bseminar series\b|\bco-led\b"),
    ("talk", 1.5, r"\bseminars?\b|\bslides\b|\brecording\b|\bvideo of the talk\b"),
    ("talk", 2.0, r"\bdiscuss(?:es|ed|ing)?\b(?=[^.!?]{0,80}\b(?:at|in) )"),
    # ---- travel ----
    ("travel", 3.0, r"\battend(?:s|ing|ed)?\b|\btravel(?:s|ing|led|ling|ed)?\b|\btrip to\b|\bheading (?:over )?to\b|\bflying to\b"),
    ("travel", 3.0, r"\bvisit(?:s|ing|ed)?\b(?! (?:student|researcher|scholar|professor|phd))|\bresearch (?:visit|stay|exchange|collaboration)\b|\bacademic visit\b"),
    ("travel", 2.5, r"\bparticipat(?:e|es|ed|ing)\b|\bparticipants?\b|\bcurrently (?:in|at)\b|\bwill be (?:in|at)\b|\b(?:i am|i'm|we are|we're|i was|we were) (?:in|at)\b|\bin person\b"),
    ("travel", 2.0, r"\b(?:summer|winter|spring) school\b|\bdoctoral consortium\b|\bvolunteer\b"),
    ("travel", 1.5, r"\bsee you (?:at|in|there)\b|\bmeet (?:you|me) (?:at|in)\b"),
    # ---- preprint ----
    ("preprint", 3.0, r"\bpre-?prints?(?:ed)?\b|\b(?:bio|med|chem|psy|eco|soc|edu|eng|tech|earth)?(?:rxiv|arxiv)\b|\bssrn\b|\bresearch square\b|\bunder review\b|\bsubmitted\b|\bsent to\b|\bnew (?:paper|work|survey|dataset|benchmark|article|tool)\b|\bworking papers?\b"),
    ("preprint", 3.0, r"\b(?:release[sd]?|releasing)\b|\bopen[- ]?sourced?\b|\b(?:is|are) (?:now )?(?:available|out|online)\b|\bnow available\b|\bcheck(?: it)? out\b|\bcheckout\b"),
    ("preprint", 3.5, r"\bwe (?:present|propose|introduce)\b(?! (?:our|a|the) (?:poster|talk|paper at))"),
    ("preprint", 3.0, r"\b(?:wrote|write|published|posted) (?:a|an|our|my)? ?(?:new )?(?:tool|article|paper|library|package)\b|\bdeveloped\b"),
    # ---- other (news about the page's people that is none of the above) ----
    ("other", 3.5, r"\bfeatured\b|\bcovered by\b|\bmy interview\b|\binterview (?:by|with)\b|\bwent viral\b|\bmedia coverage\b|\bhighlighted (?:in|by|on)\b|\bin the news\b|\bpatents?\b|\bmentors?\b|\badvis[oe]r\b|\blooking for\b|\bwe are hiring\b|\brecruiting\b|\bopen positions?\b"),
    ("other", 3.0, r"\b(?:party|parties|lunch|dinner|picnic|barbecue|bbq|potluck|outing)\b"),
    ("other", 3.0, r"\bblog(?:s| posts?| series| entry)?\b"),
    ("other", 3.5, r"\b(?:lab|group|team|office) (?:has |have )?(?:moved|relocated)\b|\b(?:website|homepage|page) is (?:now )?(?:online|live|up)\b|\bvolunteer\b"),
    # ---- the same kinds in Chinese (no spaces between words: no word boundaries either) ----
    ("acceptance", 3.0, r"录用|接收|收录|被[^。！？]{0,40}?接受|发表(?:于|在)|刊登|见刊|在线发表"),
    ("award", 3.5, r"获[^。！？]{0,45}?(?:奖|资助)|基金[^。！？]{0,20}?立项|[一二三特]等奖|奖学金|最佳论文|荣获|获评|入选[^。！？]{0,20}?(?:计划|人才|榜单)"),
    ("talk", 3.0, r"(?<!口头)报告(?!厅)|作[^。！？]{0,10}?报告|汇报|演讲|讲座|受邀[^。！？]{0,10}?(?:发言|分享)"),
    ("position", 3.0, r"加入|入职|毕业|答辩|博士后|晋升|任职|聘为|欢迎[^。！？]{0,20}?(?:同学|老师|博士)"),
    ("organizing", 3.5, r"举办|主办|承办|组织[^。！？]{0,20}?(?:会议|研讨会|论坛|竞赛|挑战赛|workshop)|征稿"),
    ("reviewing", 3.5, r"审稿人|程序委员会|编委|担任[^。！？]{0,30}?(?:委员|主席|编辑|审稿)"),
    ("travel", 3.0, r"参加|出席|访问|赴[^。！？]{0,10}?(?:参会|交流|访问)"),
    ("other", 3.5, r"成立|揭牌|报道|专访"),
    # ---- German, French, Spanish, Italian, Portuguese (what the English cues say, in the words
    # labs use when they write their news in their language) ----
    ("acceptance", 3.0, r"\b(?:angenommen|akzeptiert|accept[ée]e?s?|acept(?:ad[oa]s?)|accettat[oaie]|aceit[oa]s?)\b|\bver[öo]ffentlicht (?:in|im|bei)\b|\bpubli[ée]e?s? dans\b|\bpublicad[oa]s? (?:en|em|no|na)\b|\bpubblicat[oaie] (?:su|in)\b"),
    ("award", 3.0, r"\b(?:preis(?:e|tr[äa]ger\w*)?|auszeichnung\w*|ausgezeichnet|stipendium|prix|r[ée]compens\w*|laur[ée]at\w*|premio|premi(?:ad[oa]s?|ato|ata)|galard[oó]n\w*|pr[êe]mio|premiad[oa])\b"),
    ("talk", 3.0, r"\b(?:vortrag|vortr[äa]ge|gastvortrag|exposé|séminaire|présentation|charla|ponencia|presentaci[oó]n|seminario|relazione|intervento|palestra|apresenta[çc][ãa]o)\b|\bconf[ée]rence invit[ée]e\b|\bconferencia invitada\b"),
    ("position", 3.0, r"\b(?:beigetreten|willkommen|promoviert|verteidigt|rejoint|bienvenue|bienvenid[oa]s?|benvenut[oaie]|bem-vind[oa]s?|soutenance|defendi[oó]|defendeu)\b|\bsoutenu (?:sa|son) th[èe]se\b|\bse une\b|\bsi unisce\b|\bneue[rs]? (?:doktorand\w*|mitarbeiter\w*|postdoc)\b|\bnouve(?:au|lle) doctorant\w*\b"),
    ("organizing", 3.5, r"\b(?:organisier\w*|veranstalte\w*|organis(?:ons|ent|ée|ées|és)|organiza(?:mos|do|da)|organizzat[oaie]|organizziamo|organizad[oa]s?)\b"),
    ("reviewing", 3.5, r"\b(?:gutachter\w*|programmkomitee|relecteur\w*|[ée]valuateur\w*|revisor(?:es|a)?|revisore)\b|\bcomit[ée] de program(?:me|a)\b|\bcomitato di programma\b"),
    ("travel", 3.0, r"\b(?:besuch\w*|teilnahme|nimmt teil|visite|participe|visita(?:mos)?|participa(?:mos|ción)?|asistencia|partecipa\w*|participou)\b"),
    ("other", 3.5, r"\b(?:presse|medien|reportage|entrevista|intervista)\b"),
    # ---- Korean (words carry their particles: no word boundaries either) and Japanese ----
    ("acceptance", 3.0, r"게재|채택|採択|採録|受理|掲載決定"),
    ("award", 3.5, r"수상|장학금|受賞|表彰|奨励賞|最優秀"),
    ("talk", 3.0, r"발표(?!회)|강연|講演|発表"),
    ("position", 3.0, r"합류|입학|졸업|부임|임용|着任|入学|卒業|修了|就職"),
    ("organizing", 3.5, r"개최|주최|開催|主催"),
    ("reviewing", 3.5, r"심사위원|편집위원|査読|編集委員"),
    ("travel", 3.0, r"참석|참가|방문|出席|参加|訪問"),
    ("other", 3.5, r"환영회|회식|설립|개소|報道|取材|更新"),
]  # fmt: skip


def _needed(parsed: Any) -> frozenset[str] | None:
    """Strings one of which every match of a parsed pattern holds (None when none is known): the
    longest run of literal characters in it, or the strings each branch of an alternation needs,
    whichever has the longer shortest string. Lookarounds and optional parts need nothing."""
    options: list[frozenset[str] | None] = []
    run = ""
    for op, arg in [*parsed, (None, None)]:
        if op is _sre.LITERAL:
            run += chr(arg)
            continue
        if run:
            options.append(frozenset({run}))
            run = ""
        if op is _sre.SUBPATTERN:
            options.append(_needed(arg[3]))
        elif op is _sre.BRANCH:
            branches = [_needed(branch) for branch in arg[1]]
            options.append(None if None in branches else frozenset().union(*branches))  # type: ignore[arg-type]
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and arg[0] >= 1:
            options.append(_needed(arg[2]))
    known = [option for option in options if option]
    return max(known, key=lambda option: min(map(len, option)), default=None)


# Each cue with the strings a match of it needs: a sentence that holds none of them is passed over
# without running the pattern (a substring test costs a fraction of a scan), for speed alone.
_COMPILED = [
    (kind, weight, re.compile(pattern), _needed(_sre_parse(pattern)) or frozenset({""}))
    for kind, weight, pattern in _CUES
]

# Every repetition is bounded, so a line full of unclosed "[a](" or quotes costs linear time.
_TITLES = re.compile(
    r"\[(?:[^\[\]]|\[[^\[\]]{0,500}\]){0,500}\]\([^)\n]{0,2000}\)|\*[^*\n]{12,500}\*"
    r"|\"[^\"\n]{12,500}\"|“[^”\n]{12,500}”|‘[^’\n]{12,500}’|'[^'\n]{12,500}'|`[^`\n]{2,200}`"
    r"|「[^」\n]{2,500}」|『[^』\n]{2,500}』|《[^》\n]{2,500}》"
)
_BOLD = re.compile(r"\*\*|__")
_LINK = re.compile(r"\[([^\[\]\n]{0,500})\]\([^)\n]{0,2000}\)")
_NOISE = re.compile(r":[a-z_+-]{1,30}:|[*_]{1,3}|[^\w\s.,;:!?'’()&@/%$£€-]")
# A sentence ends at . ! ? or ; and a space, but not after a title or a common abbreviation
# ("Dr. Wong was invited to talk", "et al. show") or a name's initial ("J. Drew passed").
_SENTENCE = re.compile(
    r"(?<=[.!?;])(?<!\bdr\.)(?<!\bprof\.)(?<!\bmr\.)(?<!\bmrs\.)(?<!\bms\.)(?<!\bst\.)(?<!\bvs\.)"
    r"(?<!\bal\.)(?<!\bg\.)(?<!\be\.)(?<!\bno\.)(?<!\bfig\.)(?<!\s\w\.)(?<!^\w\.)\s+|\n+"
)
# A cue right after these words is not the news itself: a purpose ("a grant *to present* our talk":
# still a secondary kind) or a circumstance ("after years *of reviewing*", "my *accepted* paper": not).
_PURPOSE = re.compile(r"\b(?:to|for)\s+(?:\w+\s+)?$")
_CIRCUMSTANCE = re.compile(
    r"\b(?:after|of|where|which|while|whose|during|about|that|my|our|his|her|their|with|from)\s+(?:\w+\s+)?$"
)
_OPENING = re.compile(r"^\W*(?:(?:i|we|our|my|she|he|they|the)\b\s*)?(?:\w+\s+){0,3}$")


@dataclass(frozen=True, slots=True)
class Classification:
    """The primary kind, the secondary kinds, and the phrases that decided (``rule``)."""

    kind: str
    also: tuple[str, ...]
    rule: str


# What the emoji people put before their news mean, in words the cues read (a leading "🛫" is a
# trip, "🏆" an award); emoji with no such meaning ("🎉") are left to the model's own features.
_EMOJI_WORDS = {
    "✈": "travel", "🛫": "travel", "🛬": "travel", "🧳": "travel", "🗺": "travel",
    "🏆": "award", "🥇": "award", "🏅": "award", "🎖": "award",
    "🎤": "talk", "🗣": "talk", "📢": "talk", "🎙": "talk",
    "🎓": "graduated", "👔": "position", "💼": "position",
    "📝": "new paper", "📄": "new paper", "📜": "new paper",
}  # fmt: skip
_EMOJI_MEANING = re.compile("|".join(map(re.escape, _EMOJI_WORDS)))
# "[ICML 2025] We prove …": a paper at that venue (a bracketed venue tag that is no date)
_VENUE_LEAD = re.compile(r"^\W{0,4}\[\s*[A-Z][\w&.-]*(?:[\s-]+[\w&.-]+){0,3}\s*'?\d{2,4}\s*\]")


def _sentences(text: str) -> tuple[list[str], str]:
    """The sentences with titles blanked, and the titles' own text (read with less weight: a paper
    called "Self-Organizing Maps" is no organising, an award called "Best Paper" still an award)."""
    text = _EMOJI_MEANING.sub(lambda m: f" {_EMOJI_WORDS[m.group(0)]} ", text)
    text = _VENUE_LEAD.sub(" paper to appear ", text, count=1)
    text = _BOLD.sub(" ", text)  # bold marks venues and names in running text, not titles
    text = _LINK.sub(lambda m: f" {m.group(1)} " if len(m.group(1)) < 40 else f" “{m.group(1)}” ", text)
    titles = " . ".join(m.group(0) for m in _TITLES.finditer(text))
    skeleton = _TITLES.sub(" … ", text)
    cleaned = _NOISE.sub(" ", skeleton).lower()
    return [s for s in _SENTENCE.split(cleaned) if s.strip()], _NOISE.sub(" ", titles).lower()


@functools.lru_cache(maxsize=512)
def cue_scores(text: str) -> tuple[dict[str, float], dict[str, str], set[str]]:
    """The cues of ``text``: each kind's score, the phrase that scored best for it, and the
    kinds strong enough to be secondary kinds."""
    sentences, titles = _sentences(text[:CLASSIFY_CHARS])
    best: dict[str, float] = {}
    total: dict[str, float] = {}
    phrase: dict[str, str] = {}
    secondary: set[str] = set()
    for index, sentence in enumerate([*sentences[:12], titles]):
        place = 1.0 if index == 0 else 0.6 if index == 1 else 0.45
        in_title = index == min(len(sentences), 12)
        if in_title:
            place = 0.4
        for kind, weight, pattern, needed in _COMPILED:
            for part in needed:
                if part in sentence:
                    break
            else:
                continue
            for m in pattern.finditer(sentence):
                before = sentence[max(0, m.start() - 40) : m.start()]
                score = weight * place
                circumstance = False
                if in_title:
                    pass
                elif _OPENING.match(before):
                    score *= 1.25  # the head of the sentence: what the author did or got
                elif _CIRCUMSTANCE.search(before):
                    score *= 0.55  # "after years of reviewing", "for my accepted paper"
                    circumstance = True
                elif _PURPOSE.search(before):
                    score *= 0.55  # "invited me to attend", "a grant to present"
                if weight >= 2.5 and index < 2 and not (in_title or circumstance):
                    secondary.add(kind)
                total[kind] = total.get(kind, 0.0) + score
                if score > best.get(kind, 0.0):
                    best[kind] = score
                    phrase[kind] = " ".join(m.group(0).split())
    scores = {kind: best[kind] + 0.25 * (total[kind] - best[kind]) for kind in best}
    return scores, phrase, secondary


def cue_classify(text: str) -> Classification:
    """The kinds the cues alone speak for (what the learned model weighs among its features)."""
    scores, phrase, secondary = cue_scores(text)
    if not scores:
        return Classification("other", (), "no rule matched")
    ranked = sorted(scores, key=lambda k: (-round(scores[k], 6), _RANK[k]))
    primary = ranked[0]
    if scores[primary] < 1.5:
        return Classification("other", (), f"too weak: {phrase[primary]!r}")
    also = tuple(k for k in ranked[1:] if k != "other" and k in secondary)
    rule = phrase[primary]
    return Classification(primary, also, rule)


def classify_item(text: str, hint: str = "") -> Classification:
    """The kind of a news item (title and body; ``hint``: the author's own category, when the
    document gives one), by the learned model of :mod:`.kinds_model` over the item's words,
    emoji, links and cues; the secondary kinds are the cues' (never the primary); ``rule`` is
    the phrase that weighed most for the kind chosen."""
    from .kinds_model import CLASSES, WEIGHTS

    text = text[:CLASSIFY_CHARS]  # a bounded prefix: the cost of a kind never grows with the text
    feats = features(text, hint[:200])
    scores = [0.0] * len(CLASSES)
    for name, value in feats.items():
        weights = WEIGHTS.get(name)
        if weights is not None:
            for k, w in weights.items():
                scores[k] += w * value
    order = sorted(range(len(CLASSES)), key=lambda k: -scores[k])
    best, second = order[0], order[1]
    kind = CLASSES[best]
    cues = cue_classify(text)
    also = tuple(
        k for k in cues.also + ((cues.kind,) if cues.kind not in ("other", kind) else ()) if k != kind
    )
    return Classification(kind, tuple(dict.fromkeys(also)), _reason(feats, WEIGHTS, best, second, text))


def _reason(
    feats: dict[str, float], weights: dict[str, dict[int, float]], best: int, second: int, text: str
) -> str:
    """The feature that weighed most for the chosen kind against the runner-up, as a phrase."""
    top, name = 0.0, ""
    for feature, value in feats.items():
        w = weights.get(feature)
        if w is None or feature == "bias":
            continue
        gain = value * (w.get(best, 0.0) - w.get(second, 0.0))
        if gain > top:
            top, name = gain, feature
    if not name:
        return "no phrase decided (the most likely kind)"
    prefix, _, rest = name.partition(":")
    if prefix in ("cue", "top"):
        _, phrase, _ = cue_scores(text)
        if rest not in phrase and prefix == "top" and rest != "other":
            return "the author's category"  # no cue of the kind: the category stood for them
        return phrase.get(rest, "no rule matched")
    if prefix == "tag":
        tag = _VENUE_TAG.match(_MD_LINK.sub(lambda m: m.group(1), text))
        return tag.group(0).strip() if tag else "a bracketed venue tag"
    if prefix == "hint":
        return f"the author's category {rest!r}"
    if prefix == "hintkind":
        return f"the author's category ({rest})"
    if prefix == "link":
        return f"a link to {rest}"
    return rest


# ---------------------------------------------------------------------------------------------
# features (the same for training, tools/train_kinds.py, and for reading)


_MD_LINK = re.compile(r"\[([^\[\]\n]{0,500})\]\(([^)\s]{0,2000})\)")
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-])*[^\W\d_]|[^\W\d_]|\d+")
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b50\u2b55]")
_VENUE_TAG = re.compile(r"^\W{0,4}\[\s*[A-Z][\w&.-]*(?:[\s-]+[\w&.-]+){0,3}\s*'?\d{2,4}\s*\]")
_LINK_HOSTS = (
    ("arxiv", "arxiv"),
    ("github", "github"),
    ("doi.org", "doi"),
    ("youtube", "video"),
    ("youtu.be", "video"),
    ("openreview", "openreview"),
    ("twitter", "social"),
    ("x.com", "social"),
)


# The words authors name their own categories with ("type: paper", "category: Awards", a post's
# tags), by the kind they usually mean. The model weighs them (``hintkind:<kind>``) as it weighs a
# cue: one weight per kind, learned from every page that gives its items a category, so a category
# word no training page used ("Honours", "Webinar") still counts for its kind; the category's own
# words are features too (``hint:<word>``), for what a page's vocabulary means besides.
_HINT_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rf"\b(?:{words})\b"))
    for kind, words in (
        ("acceptance", r"papers?|publications?|pubs?|articles?|journals?|accepted|acceptances?"),
        ("talk", r"talks?|presentations?|seminars?|keynotes?|lectures?|webinars?|posters?"),
        ("award", r"awards?|prizes?|honou?rs?|grants?|funding|fellowships?|scholarships?"),
        ("position", r"people|members?|joined|graduations?|defen[cs]es?|milestones?|hires?|hiring|positions?|careers?|welcome|alumni"),
        ("travel", r"travels?|trips?|visits?"),
        ("organizing", r"workshops?|events?|organi[sz]ing|organi[sz]ation|tutorials?"),
        ("reviewing", r"service|reviewing|reviewers?|committees?"),
        ("preprint", r"preprints?|arxiv|software|releases?|code|datasets?|tools?"),
        ("other", r"media|press|outreach|blog|misc|interviews?"),
    )
)  # fmt: skip


def features(text: str, hint: str = "") -> dict[str, float]:
    """What the model reads of an item: its words (those of the headline apart), the emoji it
    starts with and holds, a bracketed venue tag ("[ICML 2025]"), where its links go, the author's
    category, how strongly each kind's cues speak and which kind they choose."""
    text = text[:CLASSIFY_CHARS]
    out: dict[str, float] = {"bias": 1.0}
    for _title, href in _MD_LINK.findall(text):
        low = href.lower()
        host = next((name for needle, name in _LINK_HOSTS if needle in low), "web")
        out[f"link:{host}"] = 1.0
    plain = _MD_LINK.sub(lambda m: m.group(1), text)
    stripped = plain.lstrip(" *_>#-•\t")
    first = _EMOJI.match(stripped)
    if first:
        out[f"lead:{first.group(0)}"] = 1.0
    for emoji in _EMOJI.findall(plain):
        out[f"emoji:{emoji}"] = 1.0
    if _VENUE_TAG.match(plain):
        out["tag:venue"] = 1.0
    words = _WORD.findall(plain.lower().replace("’", "'"))[:40]  # what an item says first
    for word in words:
        out[f"w:{word}"] = 1.0
    for word in words[:8]:
        out[f"h:{word}"] = 1.0
    low_hint = hint.lower()
    for word in _WORD.findall(low_hint)[:4]:
        out[f"hint:{word}"] = 1.0
    hinted = [kind for kind, named in _HINT_KINDS if low_hint and named.search(low_hint)]
    for kind in hinted:  # the author's own word for the kind: it counts double
        out[f"hintkind:{kind}"] = 2.0
    scores, _, _ = cue_scores(text)
    for kind, score in scores.items():
        out[f"cue:{kind}"] = min(score / 2.0, 3.0)
    cues = cue_classify(text)
    top = cues.kind
    if top == "other" and cues.rule.startswith(("no rule", "too weak")) and len(hinted) == 1:
        # words that say nothing of their kind (a seminar listed by its title alone) under the
        # author's category for one kind ("seminars"): the category is what the cues would be
        top = hinted[0]
    out[f"top:{top}"] = 1.0
    return out


def classify(text: str) -> tuple[str, str]:
    """(kind, rule): the primary kind and the phrase that decided it."""
    found = classify_item(text)
    return found.kind, found.rule
