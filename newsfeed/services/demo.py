"""Demo content drawn from real academic pages, read by the importers exactly as a researcher's own
page would be: a homepage news list (day-first dates, trips, talks, reviewing), a workshop call
with AoE deadlines, and a publication list."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..importers import parse_text
from ..models import Item, Person, Role
from .imports import apply_import
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


def load_demo(session: Session, *, now: dt.datetime, host: str) -> tuple[str, str] | None:
    """Create demo people, items and an admin login; (email, password) once, None if already there."""
    if session.scalar(select(Item.id).limit(1)) is not None:
        return None
    for slug, name, homepage in PEOPLE:
        session.add(Person(slug=slug, name=name, homepage=homepage, created_at=now))
    session.flush()
    for person, path, fmt, text, today in DOCUMENTS:
        result = parse_text(text, today=today, fmt=fmt, path=path)
        apply_import(session, result, person=person, now=now, host=host)
    email, password = "admin@example.org", generate_password()
    create_user(session, email, password, role=Role.ADMIN, name="Demo admin", now=now)
    return email, password
