"""Papers as the scholarly services describe them (arXiv, DBLP, ORCID, Crossref, OpenReview):
their answers read into records, and records grouped into papers (pure)."""

from .model import PaperRecord, arxiv_of, doi_of, person_key, title_key
from .papers import Paper, group
from .parsers import PARSERS, UnreadableAnswer

__all__ = [
    "PARSERS",
    "Paper",
    "PaperRecord",
    "UnreadableAnswer",
    "arxiv_of",
    "doi_of",
    "group",
    "person_key",
    "title_key",
]
