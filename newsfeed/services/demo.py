"""Demo content drawn from real academic pages, read by the importers exactly as a researcher's own
page would be: a homepage news list (day-first dates, trips, talks, reviewing), a workshop call
with AoE deadlines, and a publication list.

Those pages are history (2021–2025). So that the demo shows what is live — /upcoming, countdowns,
digest previews and reminders — the same kinds of page are also written **relative to the day the
demo is created**: news posted over the last twelve months, a talk next week, a trip next month and
a workshop call whose AoE deadlines fall in the coming weeks; and three confirmed subscribers with
different filters, cadences and time zones.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from newsfeed.adapters.db import Base
from newsfeed.adapters.models import Item, Person
from newsfeed.domain.importers import parse_text
from newsfeed.domain.vocab import Role

from .imports import apply_import
from .subscriptions import add_confirmed, read_preferences
from .users import create_user, generate_password

DEMO_TODAY = dt.date(2025, 3, 1)

PEOPLE = [
    ("wei-huang", "Wei Huang", "https://weihuang05.github.io/"),
    ("mingze-wang", "Mingze Wang", None),
]

NEWS = """\
### News

* 01/2025 Our workshop on deep generative models at ICLR 2025 is now accepting submissions! We are also \
seeking reviewers to join us. For details, visit [the workshop site](https://delta-workshop.github.io/).

* 12/2024 One paper is accepted by Pattern Recognition, [Negatively correlated ensemble against transfer \
adversarial attacks](https://www.sciencedirect.com/science/article/pii/S0031320324009063).

* 09/2024 Seven papers are accepted by NeurIPS 2024, including [On the Comparison between Multi-modal and \
Single-modal Contrastive Learning](https://openreview.net/pdf?id=O2UwxfhY1P).

* 05/2024 I will be attending [ICLR 2024](https://iclr.cc/) from 06/05/2024 to 12/05/2024 in Vienna. \
Feel free have a chat if you're there.

* 12/2023 I will be attending [NeurIPS 2023](https://nips.cc/) from 10/12/2023 to 17/12/2023 at the New \
Orleans Ernest N. Morial Convention Center. Feel free have a chat if you're there.

* 10/2023 I will be attending [IBIS2023](https://ibisml.org/ibis2023/cfp/) from 29/10/2023 to 01/11/2023 \
in Kitakyushu. Feel free have a chat if you're there.

* 07/2023 I had the privilege of giving a contributed talk at the [ICML 2023 workshop on High-Dimensional \
Learning Dynamics](https://sites.google.com/view/hidimlearning/home) in Honolulu, Hawaii.

* 11/2022 I arrived in Tokyo, Japan!

* 05/2022 I am invited to serve as a reviewer for ICLR-2023

* 07/2021 I am invited to serve as a Senior Program Committee member for AAAI-2022
"""

WORKSHOP = """\
# DeLTa: Deep Generative Model in Machine Learning: Theory, Principle and Efficacy

We are organizing the DeLTa workshop at ICLR 2025 on the theory, principles and efficacy of deep \
generative models, with invited speakers from academia and industry.

### Submission Instructions and Tentative Deadlines

(All dates are in 11.59pm AOE)

- Paper submission deadline: 1 Feb 2025
- Reviewer bidding dates: 1 - 5 Feb 2025
- Review Deadline: 25 Feb 2025
- Paper notification date: 27 Feb 2025
- Camera ready deadline: 4 Mar 2025

### Invited Speakers

- Sinho Chewi, Valentin De Bortoli, Yang Song, Nancy F. Chen, Michael Levin, Dawn Song

### Organizers

Taiji Suzuki, Qibin Zhao, Mingyuan Bai, Maud Lemercier, Wei Huang
"""

PUBLICATIONS = """\
Recent Publications and Preprints
[18] GradPower: Powering Gradients for Faster Language Model Pre-Training
Mingze Wang, Jinbo Wang, Jiaqi Zhang, Wei Wang, Peng Pei, Xunliang Cai, Weinan E, Lei Wu.
under review, 1-22. May 2025.
[13] The Sharpness Disparity Principle in Transformers for Accelerating Language Model Pre-Training
Jinbo Wang, Mingze Wang, Zhanpeng Zhou, Junchi Yan, Weinan E, Lei Wu.
2025 International Conference on Machine Learning (ICML 2025), 1-23.
[11] Sharpness-Aware Minimization Efficiently Selects Flatter Minima Late in Training
Zhanpeng Zhou, Mingze Wang, Yuchen Mao, Bingrui Li, Junchi Yan.
2025 International Conference on Learning Representations (ICLR 2025) (Spotlight, top 5.1%), 1-31.
"""

DOCUMENTS = [
    ("wei-huang", "demo/news.md", "news", NEWS, DEMO_TODAY),
    ("wei-huang", "demo/delta-workshop.md", "cfp", WORKSHOP, dt.date(2024, 12, 10)),
    ("mingze-wang", "demo/publications.txt", "publications", PUBLICATIONS, DEMO_TODAY),
]


def _month(today: dt.date, delta: int) -> dt.date:
    year, month = divmod(today.year * 12 + today.month - 1 + delta, 12)
    return dt.date(year, month + 1, 1)


def recent_documents(today: dt.date) -> list[tuple[str, str, str, str, dt.date]]:
    """A news list and a workshop call dated around ``today``, written as people write them."""

    def day(n: int) -> dt.date:
        return today + dt.timedelta(days=n)

    def short(d: dt.date) -> str:
        return f"{d.day} {d:%b %Y}"

    news = f"""\
### News

* {today:%m/%Y} I will give an invited talk on the implicit bias of optimisers at the Kyoto University \
machine learning seminar on {day(8).day} {day(8):%B %Y} at 15:00 JST.

* {today:%m/%Y} I will be attending [AAAI {day(35).year}](https://aaai.org/) from {day(35):%d/%m/%Y} to \
{day(40):%d/%m/%Y} in Singapore. Feel free to have a chat if you're there.

* {_month(today, -1):%m/%Y} Our paper on sharpness-aware training is accepted at AISTATS {today.year + 1}.

* {_month(today, -3):%m/%Y} I am invited to serve as an Area Chair for ICML {today.year + 1}.

* {_month(today, -6):%m/%Y} Our paper received the Best Paper Award at the ICML workshop on \
high-dimensional learning dynamics.

* {_month(today, -9):%m/%Y} New preprint on arXiv: scaling laws for score-based diffusion models.

* {_month(today, -11):%m/%Y} I joined the RIKEN Center for Advanced Intelligence Project as a \
research scientist.
"""
    call = f"""\
# Theory of Deep Generative Models: a workshop at AAAI {day(35).year}

We are organizing a workshop at AAAI {day(35).year} on the theory, principles and efficacy of deep \
generative models, with invited speakers from academia and industry.

### Submission Instructions and Tentative Deadlines

(All dates are in 11.59pm AOE)

- Paper submission deadline: {short(day(12))}
- Reviewer bidding dates: {short(day(13))} - {short(day(16))}
- Review Deadline: {short(day(24))}
- Paper notification date: {short(day(27))}
- Camera ready deadline: {short(day(33))}
"""
    return [
        ("wei-huang", "demo/news-recent.md", "news", news, today),
        ("wei-huang", "demo/tdgm-workshop.md", "cfp", call, today),
    ]


# (address, cadence, kinds, people, time zone, reminder lead days)
SUBSCRIBERS = [
    ("ada@example.org", "weekly", (), (), "Europe/London", "14,3,1"),
    ("kenji@example.jp", "daily", ("talk", "organizing"), (), "Asia/Tokyo", "7,1"),
    ("maria@example.edu", "monthly", (), ("wei-huang",), "America/New_York", "3"),
]


class DemoRefused(Exception):
    """The database holds more than the demo: it is not deleted."""


def reset_demo(session: Session) -> None:
    """Delete everything of a demo database, to build the demo again; refused when it holds items
    that are not the demo's (a real site is never wiped by a demo command)."""
    foreign = session.scalar(
        select(func.count(Item.id)).where(or_(Item.source_path.is_(None), ~Item.source_path.like("demo/%")))
    )
    if foreign:
        raise DemoRefused(f"it holds {foreign} item(s) that are not the demo's: nothing deleted")
    for table in reversed(Base.metadata.sorted_tables):
        session.execute(delete(table))
    session.flush()


def load_demo(session: Session, *, now: dt.datetime, host: str) -> tuple[str, str] | None:
    """Create demo people, items and an admin login; (email, password) once, None if already there."""
    if session.scalar(select(Item.id).limit(1)) is not None:
        return None
    for slug, name, homepage in PEOPLE:
        session.add(Person(slug=slug, name=name, homepage=homepage, created_at=now))
    session.flush()
    for person, path, fmt, text, today in [*DOCUMENTS, *recent_documents(now.date())]:
        result = parse_text(text, today=today, fmt=fmt, path=path)
        apply_import(session, result, person=person, now=now, host=host)
    for address, cadence, kinds, people, zone, leads in SUBSCRIBERS:
        prefs = read_preferences(
            session, cadence=cadence, kinds=kinds, people=people, timezone=zone, lead_days=leads
        )
        add_confirmed(session, address, prefs, now=now, confirmed=True)
    email, password = "admin@example.org", generate_password()
    create_user(session, email, password, role=Role.ADMIN, name="Demo admin", now=now)
    return email, password
