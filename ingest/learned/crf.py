"""Thin wrappers over python-crfsuite: a sequence tagger and, with sequences of one item, a
maximum-entropy (multinomial logistic) classifier. Training is deterministic (L-BFGS)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pycrfsuite

TAGGER_PARAMS = {"c1": 0.05, "c2": 0.05, "max_iterations": 150, "feature.possible_transitions": True}
CLASSIFIER_PARAMS = {"c1": 0.0, "c2": 0.5, "max_iterations": 200}


def train_tagger(
    data: Iterable[tuple[list[list[str]], list[str]]], path: Path, params: dict | None = None
) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in data:
        trainer.append(xseq, yseq)
    trainer.set_params({**TAGGER_PARAMS, **(params or {})})
    trainer.train(str(path))


def train_classifier(
    data: Iterable[tuple[Sequence[str], str]], path: Path, params: dict | None = None
) -> bool:
    """Train on (features, label) items; False when there is nothing to learn (one label)."""
    trainer = pycrfsuite.Trainer(verbose=False)
    labels = set()
    for feats, label in data:
        trainer.append([list(feats)], [label])
        labels.add(label)
    if len(labels) < 2:
        return False
    trainer.set_params({**CLASSIFIER_PARAMS, **(params or {})})
    trainer.train(str(path))
    return True


class Tagger:
    def __init__(self, path: Path):
        self._t = pycrfsuite.Tagger()
        self._t.open(str(path))

    def tag(self, xseq: list[list[str]]) -> list[str]:
        return self._t.tag(xseq) if xseq else []


class Classifier:
    def __init__(self, path: Path):
        self._t = pycrfsuite.Tagger()
        self._t.open(str(path))
        self.labels = tuple(self._t.labels())

    def probabilities(self, feats: Sequence[str]) -> dict[str, float]:
        self._t.set([list(feats)])
        return {lab: self._t.marginal(lab, 0) for lab in self.labels}
