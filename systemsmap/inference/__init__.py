"""Inference: test what drives the ties.

- :mod:`~systemsmap.inference.dyads`: the dyadic terms a model is built from
  (:func:`same`, :func:`diff`, :func:`sender`, :func:`receiver`,
  :func:`relation`, :func:`reciprocity`, :func:`dyadic`) and :func:`dyads`,
  which evaluates them on a network.
- :mod:`~systemsmap.inference.qap`: :func:`qap_correlation` (graph
  correlation with a QAP test) and :func:`mrqap` (network regression, OLS or
  logit, with double semi-partialling or y-permutation p-values).
- :mod:`~systemsmap.inference.homophily`: :func:`homophily`, each grouping's
  homophily with the others held fixed ("are the silos sectoral or
  regional?").
- :mod:`~systemsmap.inference.ergm`: exponential random graph models:
  :func:`ergm` fits one (MPLE, then MCMC maximum likelihood when a term is
  dyad-dependent), :func:`simulate` draws networks from the fit and
  :func:`gof` compares their degree, shared-partner and distance
  distributions with the observed network's.
"""
from __future__ import annotations

from .._lazy import lazy_exports

#: Public names and the module that defines each; add new models' names here.
_EXPORTS = {
    # terms and the dyads they make
    "dyads": ".dyads", "Dyads": ".dyads", "Term": ".dyads", "same": ".dyads", "diff": ".dyads",
    "sender": ".dyads", "receiver": ".dyads", "relation": ".dyads", "reciprocity": ".dyads",
    "dyadic": ".dyads",
    # QAP
    "qap_correlation": ".qap", "QAPCorrelation": ".qap", "mrqap": ".qap", "MRQAPResult": ".qap",
    # several groupings at once
    "homophily": ".homophily", "HomophilyReport": ".homophily",
    # exponential random graph models
    "ergm": ".ergm", "ErgmResult": ".ergm", "simulate": ".ergm", "Simulation": ".ergm",
    "gof": ".ergm", "ErgmGof": ".ergm",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
