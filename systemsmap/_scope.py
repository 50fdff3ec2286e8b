"""What the action functions work on: which waves, and whether non-respondents may be picked.

Recommendations are about the system as it is now, and about what the survey
showed: by default, action functions (``bridges``, ``key_players``,
``champions``, ``vulnerabilities``, ``voice``) and the report's actions use the
latest wave of a panel and say so; pooling every wave is an explicit option.
Non-respondents, whose own ties are unknown, are left out of the candidates of
recommendations unless asked for.

- :func:`action_network` turns the ``waves=`` option into the network to work
  on and a sentence that says which ties it holds.
- :func:`nonrespondents` gives the actors known not to have answered.

Examples
--------
>>> import systemsmap as sm
>>> from systemsmap._scope import action_network
>>> net = sm.load_example("implementation_ecosystem")
>>> view, note = action_network(net)
>>> note
'ties of wave 2025 only (the latest of 2024 and 2025; pass waves="pooled" to pool them)'
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from ._check import check_wave
from .network import StakeholderNetwork

__all__ = ["WAVE_SCOPES", "action_network", "nonrespondents"]

#: The named values of ``waves=``; any wave of the network may be given too.
WAVE_SCOPES = ("latest", "pooled")


def _join(items: list) -> str:
    text = [str(i) for i in items]
    return text[0] if len(text) == 1 else ", ".join(text[:-1]) + " and " + text[-1]


def action_network(net: StakeholderNetwork, waves: Any = "latest") -> tuple[StakeholderNetwork, str]:
    """The network an action works on, and a sentence naming the ties it holds.

    Parameters
    ----------
    net : StakeholderNetwork
    waves : {"latest", "pooled"} or a wave of ``net``
        ``"latest"`` (default) keeps the latest wave (``net.at(latest)``);
        ``"pooled"`` keeps every wave's ties together; a wave keeps that one.
        A network without waves is used as it is, whatever the option.

    Returns
    -------
    (StakeholderNetwork, str)
        The view, and a sentence for results and reports ("" without waves).

    Raises
    ------
    NotFoundError
        If ``waves`` names a wave the network does not have (a ``KeyError``).
    """
    have = net.waves
    if not have:
        return net, ""
    if isinstance(waves, str) and waves == "pooled":
        return net, f"ties of all waves ({_join(have)}) pooled"
    if isinstance(waves, str) and waves == "latest":
        latest = have[-1]
        if len(have) == 1:
            return net.at(latest), f"ties of wave {latest}"
        return (net.at(latest), f"ties of wave {latest} only (the latest of {_join(have)}; "
                                'pass waves="pooled" to pool them)')
    wave = check_wave(net, waves, name="waves")
    return net.at(wave), f"ties of wave {wave} only"


def nonrespondents(net: StakeholderNetwork) -> pd.Index:
    """Ids of the actors known not to have answered (``respondent`` false); empty when unknown."""
    actors = net.actors
    if "respondent" not in actors.columns:
        return pd.Index([], name="id")
    answered = actors["respondent"].astype("boolean")
    return actors.index[(answered == False).fillna(False).to_numpy(bool)]  # noqa: E712
