"""Several groupings at once: is homophily about sector, about region, or both?

:func:`systemsmap.silos` measures how far ties stay inside the groups of one
attribute. When actors are grouped two ways (sector and region, say) and the
two overlap (health services sit mostly in one region), each grouping's silo
can be the other's shadow. :func:`homophily` separates them: an MRQAP logit of
the ties on one "same group" term per grouping (:func:`~systemsmap.mrqap`),
so each grouping's effect is measured with the others held fixed, and tested
against relabellings of the actors that keep the network's structure.
"""
from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._check import MISSING_OPTIONS, check_choice, check_column, check_int, check_number, check_seed
from .._format import fmt_num, fmt_p
from ..errors import OptionError
from ..network import StakeholderNetwork
from .dyads import dyads, relation, same
from .qap import NULLS, MRQAPResult, mrqap

__all__ = ["HomophilyReport", "homophily", "verdict"]


@dataclass(eq=False)
class HomophilyReport:
    """Each grouping's homophily with the others held fixed: the result of :func:`homophily`.

    Attributes
    ----------
    by : tuple of str
        The actor columns, in the order given.
    table : pandas.DataFrame
        One row per grouping (index ``by``): ``odds_ratio`` (how many times
        the odds of a tie are multiplied when two actors share the group,
        the other groupings and controls held fixed), ``estimate`` (its
        log), ``p_greater`` (the permutation p-value that ties stay inside
        this much by chance), ``p_less`` (that they cross this much),
        ``p_two_sided``, and ``alone_odds_ratio`` (the odds ratio of the
        grouping on its own, without the others: the gap between the two
        shows how much of a grouping's silo was the other's).
    model : MRQAPResult
        The fitted model, terms ``same_<by>`` (and the controls).
    alpha : float
        The significance level of the verdict.
    verdict : str
        One sentence: which groupings the silos follow.
    """

    by: tuple[str, ...]
    table: pd.DataFrame
    model: MRQAPResult = field(repr=False)
    alpha: float
    verdict: str

    @property
    def permutations(self) -> int:
        return self.model.permutations

    def __str__(self) -> str:
        lines = [self.verdict, ""]
        P = self.permutations
        held = "the other groupings" if len(self.by) > 2 else "the other grouping" if len(self.by) == 2 else ""
        for b, row in self.table.iterrows():
            lines.append(f"same {b}: odds ratio {fmt_num(row['odds_ratio'])}"
                         + (f" with {held} held fixed" if held else "")
                         + f" ({fmt_p(row['p_greater'], P)} that ties stay inside this much by chance)"
                         + (f"; {fmt_num(row['alone_odds_ratio'])} on its own." if held else "."))
        d = self.model.data
        lines.append(f"MRQAP logit of every tie on {len(d):,} {'ordered ' if d.directed else ''}pairs, "
                     f"{P:,} relabellings of the actors (double semi-partialling).")
        return "\n".join(lines)

    def __repr__(self) -> str:
        ors = ", ".join(f"{b} odds ratio {fmt_num(r['odds_ratio'])}" for b, r in self.table.iterrows())
        return f"<HomophilyReport by {list(self.by)}: {ors}>"

    def _repr_html_(self) -> str:
        esc = html.escape
        P = self.permutations
        head = "".join(f"<th>{h}</th>" for h in ("grouping", "odds ratio, others held fixed", "p (inside)",
                                                  "odds ratio alone"))
        body = "".join(f"<tr><td>{esc(str(b))}</td><td>{fmt_num(r['odds_ratio'])}</td>"
                       f"<td>{esc(fmt_p(r['p_greater'], P, bare=True))}</td>"
                       f"<td>{fmt_num(r['alone_odds_ratio'])}</td></tr>" for b, r in self.table.iterrows())
        return (f"<div class='systemsmap-homophily'><p>{esc(self.verdict)}</p>"
                f"<table><tr>{head}</tr>{body}</table></div>")


def _join(words: Sequence[str], last: str = "and") -> str:
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" {last} " + words[-1]


def _effects(table: pd.DataFrame, names: Sequence[str], P: int) -> str:
    """'being in the same sector multiplies the odds of a tie by 4.2 (p < 0.001) and being in the same region by ...'"""
    parts = [f"being in the same {b}" + (" multiplies the odds of a tie" if i == 0 else "")
             + f" by {fmt_num(table.loc[b, 'odds_ratio'])} ({fmt_p(table.loc[b, 'p_greater'], P)})"
             for i, b in enumerate(names)]
    return _join(parts)


def verdict(table: pd.DataFrame, P: int, alpha: float = 0.05) -> str:
    """The one-sentence answer to "which groupings do the silos follow?" from a homophily table.

    Examples
    --------
    >>> t = pd.DataFrame({"odds_ratio": [4.2, 1.05], "p_greater": [0.001, 0.4], "p_less": [1.0, 0.6]},
    ...                  index=["sector", "region"])
    >>> verdict(t, 999)
    'The silos follow sector, not region: being in the same sector multiplies the odds of a tie by 4.20
    (p = 0.001) and being in the same region by 1.05 (p = 0.40), each with the other held fixed.'
    """
    by = list(table.index)
    if P == 0:
        return ("Without permutations there is no test: odds ratios "
                + ", ".join(f"{b} {fmt_num(table.loc[b, 'odds_ratio'])}" for b in by) + ".")
    inside = sorted((b for b in by if table.loc[b, "p_greater"] < alpha), key=lambda b: -table.loc[b, "odds_ratio"])
    across = [b for b in by if table.loc[b, "p_less"] < alpha]
    if len(by) == 1:
        b = by[0]
        head, p = ((f"Ties stay inside {b} groups more than chance would give", table.loc[b, "p_greater"]) if inside
                   else (f"Ties cross {b} groups more than chance would give", table.loc[b, "p_less"]) if across
                   else (f"Ties stay inside {b} groups no more than chance would give", table.loc[b, "p_greater"]))
        return (f"{head}: being in the same {b} multiplies the odds of a tie by "
                f"{fmt_num(table.loc[b, 'odds_ratio'])} ({fmt_p(p, P)}).")
    rest = [b for b in by if b not in inside]
    others = "the other" if len(by) == 2 else "the others"
    if len(inside) == 1:
        head = f"The silos follow {inside[0]}, not {_join(rest, 'or')}"
    elif inside:
        head = f"The silos follow {'both ' if len(inside) == 2 else ''}{_join(inside)}, {inside[0]} the most"
    else:
        head = f"{'Neither' if len(by) == 2 else 'None of'} {_join(by, 'nor' if len(by) == 2 else 'and')} keeps " \
               f"ties inside more than chance once {others} {'is' if len(by) == 2 else 'are'} held fixed"
    tail = f"; ties cross {_join(across)} groups more than chance" if across else ""
    return f"{head}: {_effects(table, inside + rest, P)}, each with {others} held fixed{tail}."


def homophily(net: StakeholderNetwork, by: str | Sequence[str], *, controls: Sequence[Any] = (),
              permutations: int = 1000, alpha: float = 0.05, missing: str = "error", null: str = "dsp",
              seed: int | np.random.Generator | None = 0, progress: Any = None) -> HomophilyReport:
    """Each grouping's homophily with the others held fixed: are the silos about sector or region?

    Parameters
    ----------
    net : StakeholderNetwork
        The network; every tie counts, one per pair as the metrics see them
        (pass ``net.layer("advice")`` to study one relation).
    by : str or list of str
        Actor columns defining groupings (``["sector", "region"]``).
    controls : list of terms, optional
        Further terms to hold fixed (:func:`~systemsmap.inference.dyads`
        terms, such as ``reciprocity`` or ``relation("funding")``).
    permutations : int
        Relabellings of the actors for the p-values (0: none).
    alpha : float
        The significance level the verdict uses.
    missing : {"error", "own_group"}
        Actors without a value in a grouping: a DataError naming them, or
        one group ``"(missing)"``.
    null : {"dsp", "y"}
        How the p-values are made (see :func:`~systemsmap.mrqap`).
    seed : int, numpy.random.Generator or None
        The same seed gives the same p-values.
    progress : bool or None
        Show the permutations done: None (default) in notebooks and
        terminals, True anywhere, False never.

    Returns
    -------
    HomophilyReport
        ``table`` (per grouping: ``odds_ratio``, ``p_greater``, ...,
        ``alone_odds_ratio``), ``verdict`` (one sentence) and ``model``.

    Raises
    ------
    NotFoundError
        If a column is not an actor column.
    DataError
        If actors lack a value (with ``missing="error"``), or two groupings
        are the same partition (collinear).
    OptionError
        If an option is not allowed.

    See Also
    --------
    silos : one grouping's E-I index, mixing and segregation.
    mrqap : the model behind this report.

    Notes
    -----
    The model is a logit MRQAP of "is there a tie from i to j" (or between i
    and j, undirected) on an intercept, :func:`~systemsmap.inference.same`
    of each grouping and the controls, over every pair of distinct actors.
    ``exp`` of a grouping's coefficient is its odds ratio: how many times
    likelier (in odds) a tie is between two actors who share the group than
    between two who do not but are alike in the other groupings. The
    p-values come from double semi-partialling (Dekker et al. 2007). The
    verdict calls a grouping a silo when its ``p_greater`` is below
    ``alpha``, and names the groupings whose ties cross more than chance
    (``p_less`` below ``alpha``).

    References
    ----------
    .. [1] Dekker, D., Krackhardt, D., & Snijders, T. A. B. (2007).
       Sensitivity of MRQAP tests to collinearity and autocorrelation
       conditions. *Psychometrika*, 72(4), 563-581.
       https://doi.org/10.1007/s11336-007-9016-1
    .. [2] McPherson, M., Smith-Lovin, L., & Cook, J. M. (2001). Birds of a
       feather: homophily in social networks. *Annual Review of Sociology*,
       27, 415-444. https://doi.org/10.1146/annurev.soc.27.1.415

    Examples
    --------
    >>> import systemsmap as sm
    >>> net = sm.load_example("implementation_ecosystem")
    >>> rep = sm.homophily(net, ["sector", "region"], permutations=99)
    >>> rep.table[["odds_ratio", "alone_odds_ratio"]].round(2)
            odds_ratio  alone_odds_ratio
    by
    sector       11.84             11.25
    region        3.17              2.86
    >>> print(rep.verdict)
    The silos follow both sector and region, sector the most: being in the same sector multiplies the odds
    of a tie by 11.84 (p = 0.01) and being in the same region by 3.17 (p = 0.01), each with the other held fixed.
    """
    groupings = [by] if isinstance(by, str) else list(by)
    if not groupings:
        raise OptionError("by", by, "one actor column or a list of them")
    for b in groupings:
        check_column(net, b)
    if len(set(groupings)) != len(groupings):
        raise OptionError("by", by, "each column once")
    permutations = check_int("permutations", permutations, minimum=0)
    alpha = check_number("alpha", alpha, minimum=0, maximum=1, strict_minimum=True, strict_maximum=True)
    missing = check_choice("missing", missing, MISSING_OPTIONS)
    null = check_choice("null", null, NULLS)
    seed = check_seed(seed)
    terms = [same(b, missing=missing) for b in groupings]
    fit = mrqap(net, y=relation(), x=[*terms, *controls], model="logit", permutations=permutations,
                null=null, seed=seed, progress=progress)
    rows = fit.table.loc[[f"same_{b}" for b in groupings]]
    table = pd.DataFrame({
        "odds_ratio": rows["odds_ratio"].to_numpy(), "estimate": rows["estimate"].to_numpy(),
        "p_greater": rows["p_greater"].to_numpy(), "p_less": rows["p_less"].to_numpy(),
        "p_two_sided": rows["p_two_sided"].to_numpy(),
        "alone_odds_ratio": [_alone(net, t) for t in terms],
    }, index=pd.Index(groupings, name="by"))
    return HomophilyReport(by=tuple(groupings), table=table, model=fit, alpha=alpha,
                           verdict=verdict(table, permutations, alpha))


def _alone(net: StakeholderNetwork, term) -> float:
    """The odds ratio of one same-group term without the others (no permutations)."""
    d = dyads(net, term, y=relation())
    fit = mrqap(d, model="logit", permutations=0, progress=False)
    return float(math.exp(fit.table["estimate"].iloc[-1]))
