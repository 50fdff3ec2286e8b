"""The report's optional models: what drives the ties (``model=``) and several groupings (``by=[...]``).

Nothing here runs unless asked. With several groupings (``report(net,
by=["sector", "region"])``, command line ``--by sector,region``) the report
says in one sentence whether the silos follow one grouping or the other, from
:func:`systemsmap.homophily`. With ``model=`` (``--model [RELATION]``) it adds
a short section, "What drives the ties": an MRQAP logit
(:func:`systemsmap.mrqap`) of one relation (or of every tie) on the other
relations, the same-group terms of each grouping and, when ties have a
direction, reciprocity.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from .._check import check_column, check_relations
from ..errors import OptionError
from ..inference import HomophilyReport, MRQAPResult, homophily, mrqap, reciprocity, relation, same
from ..network import StakeholderNetwork
from ._html import table
from ._text import fmt_count, join_and

__all__ = ["Models", "check_groupings", "check_model", "fit_models", "model_section", "groupings_sentence"]


def check_groupings(net: StakeholderNetwork, by: Any) -> list[str]:
    """``by`` as a list of actor columns (one, or several for the sentence on several groupings)."""
    groupings = [by] if isinstance(by, str) else list(by) if isinstance(by, (list, tuple)) else [by]
    if not groupings or len(set(map(str, groupings))) != len(groupings):
        raise OptionError("by", by, "an actor column, or a list of different actor columns")
    return [check_column(net, g, name="by") for g in groupings]


def check_model(net: StakeholderNetwork, model: Any) -> bool | str | None:
    """``model=``: None or False (no model), True (every tie) or a relation of ``net``."""
    if model is None or isinstance(model, bool):
        return model or None
    if isinstance(model, str):
        return check_relations(net, model, name="model")[0]
    raise OptionError("model", model, "None, True (every tie) or the name of a relation")


@dataclass(frozen=True)
class Models:
    """The models the report was asked for.

    Attributes
    ----------
    groupings : list of str
        The actor columns given as ``by`` (the first is the report's grouping).
    homophily : HomophilyReport or None
        With two groupings or more.
    fit : MRQAPResult or None
        With ``model=``.
    relation : str or None
        The relation modelled (None: every tie).
    """

    groupings: list
    homophily: HomophilyReport | None
    fit: MRQAPResult | None
    relation: str | None


def fit_models(net: StakeholderNetwork, groupings: list[str], model: bool | str | None, *, permutations: int,
               seed: Any, progress: Any) -> Models | None:
    """The homophily of several groupings and the model asked for; None when neither was asked."""
    if len(groupings) < 2 and not model:
        return None
    hom = None
    if len(groupings) > 1:
        hom = homophily(net, groupings, permutations=permutations, missing="own_group", seed=seed,
                        progress=progress)
    fit, rel = None, None
    if model:
        rel = None if model is True else model
        x: list[Any] = [r for r in net.relations if r != rel] if rel is not None else []
        x += [same(g, missing="own_group") for g in groupings]
        if net.directed:
            x.append(reciprocity)
        fit = mrqap(net, y=relation(rel), x=x, model="logit", permutations=permutations, seed=seed,
                    progress=progress)
    return Models(list(groupings), hom, fit, rel)


def groupings_sentence(models: Models | None) -> str | None:
    """The one sentence on several groupings ("The silos follow sector, not region: ..."), or None."""
    return None if models is None or models.homophily is None else models.homophily.verdict


def _term_name(term: str, response: str) -> str:
    if term.startswith("same_"):
        return "same " + term[len("same_"):].replace("_", " ")
    if term == "reciprocity":
        return f"{response} tie in the other direction"
    return "any tie" if term == "ties" else f"{term} tie"


def model_section(m: Any) -> dict | None:
    """The data of the section "What drives the ties" from the report's material ``m``.

    ``response``, ``tie`` ("an evidence tie"), ``ties`` ("evidence ties"), ``pairs``, ``directed``, ``permutations``, ``terms``,
    ``table`` (terms, odds ratios, p-values), ``sentences`` and ``separated`` (the terms whose estimates
    ran off to infinity, in words, or None); None when no model was asked for.
    """
    models = m.an.models
    if models is None or models.fit is None:
        return None
    fit = models.fit
    response = models.relation or "any"
    t = fit.table.drop(index="intercept").copy()
    t.insert(0, "name", [_term_name(term, response) for term in t.index])
    cols = [("name", "Term", "text"), ("odds_ratio", "Odds ratio", "f2"),
            ("p_greater", "p (this high by chance)", "p"), ("p_less", "p (this low by chance)", "p")]
    d = fit.data
    tie = "a tie" if response == "any" else _article(f"{response} tie")
    separated = [name for name, est in zip(t["name"], t["estimate"]) if abs(est) > 10]
    return {"response": response, "tie": tie, "ties": "ties" if response == "any" else f"{response} ties",
            "pairs": fmt_count(len(d)), "directed": d.directed,
            "permutations": fmt_count(fit.permutations), "terms": join_and(list(t["name"])),
            "table": table(t, cols), "sentences": _sentences(t, response, fit.permutations),
            "separated": join_and(separated) if separated else None}


def _article(word: str) -> str:
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


def _where(term: str, response: str) -> str:
    """Where a term is 1, in words: 'between two actors of the same sector', 'where there is a funding tie'."""
    if term.startswith("same_"):
        return "between two actors of the same " + term[len("same_"):].replace("_", " ")
    if term == "reciprocity":
        return f"where {_article(response + ' tie')} runs the other way"
    return "where there is any tie" if term == "ties" else f"where there is {_article(term + ' tie')}"


def _sentences(t: pd.DataFrame, response: str, permutations: int, alpha: float = 0.05) -> list[str]:
    """One sentence per term that stands out from chance, strongest first; one saying so when none does."""
    from .._format import fmt_num, fmt_p

    tie = "a tie" if response == "any" else _article(f"{response} tie")
    out = []
    for term, row in t.sort_values("odds_ratio", ascending=False).iterrows():
        where = _where(term, response)
        where = where[0].upper() + where[1:]
        if row["p_greater"] < alpha:
            out.append(f"{where}, the odds of {tie} are {fmt_num(row['odds_ratio'])} times as high, the other "
                       f"terms held fixed ({fmt_p(row['p_greater'], permutations)}).")
        elif row["p_less"] < alpha:
            out.append(f"{where}, the odds of {tie} are lower: {fmt_num(row['odds_ratio'])} times, the other "
                       f"terms held fixed ({fmt_p(row['p_less'], permutations)}).")
    if not out:
        out.append(f"No term goes with {tie} more or less than chance would give.")
    return out
