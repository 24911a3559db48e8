"""Measure the extractor against gold annotations: the owner's scorer's rules, in process, with every miss explained."""

from app.evaluate.corpus import CorpusError, GoldArticle, load_corpus, load_seed_gold
from app.evaluate.runner import CorpusResult, evaluate_corpus, evaluate_seed_gold
from app.evaluate.scoring import ArticleScore, Scorer

__all__ = ["ArticleScore", "CorpusError", "CorpusResult", "GoldArticle", "Scorer", "evaluate_corpus",
           "evaluate_seed_gold", "load_corpus", "load_seed_gold"]
