"""Networks from pandas DataFrames: the entry every other reader goes through."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from .._check import check_bool, check_frame
from ..network import StakeholderNetwork
from ._validate import build_network, check_reader_options

__all__ = ["from_frames"]


def from_frames(
    actors: pd.DataFrame | None,
    ties: pd.DataFrame,
    *,
    directed: bool = True,
    columns: Mapping[str, str] | None = None,
    unknown_actors: str = "error",
    duplicates: str = "error",
    self_ties: str = "error",
    wave_order: Sequence[Any] | None = None,
    roles: Mapping[str, str] | None = None,
) -> StakeholderNetwork:
    """Build a validated network from an actors table and a ties table.

    Parameters
    ----------
    actors : pandas.DataFrame or None
        One row per actor with an ``id`` column (or, without one, ``name`` or
        ``label`` used as the id and kept as ``label``; or a frame indexed by
        ``id``, as ``net.actors`` is). ``role`` (or ``type``) holds one or more
        roles separated by ``;``; they are normalised (see
        :mod:`systemsmap.roles`). ``respondent`` is read as yes/no or, when
        ties carry waves, as the waves each actor answered in (``"2024;
        2025"``, ``"no"``), kept as ``respondent_waves`` so that
        ``net.at(wave)`` gives each wave its own respondents. Every other
        column is kept as given. ``None`` takes the actors from the ties.
    ties : pandas.DataFrame
        One row per tie: ``source`` and ``target`` (or ``from``/``to``,
        ``ego``/``alter``, ``sender``/``receiver``), optional ``relation``
        (or ``type``; default ``"tie"``), ``weight`` (or ``strength``/``value``;
        default 1.0), ``wave`` and any other attribute.
    directed : bool, default True
    columns : mapping, optional
        Your column names mapped to ours, for names not recognised on their own:
        ``{"Organisation": "source", "Partner": "target"}``.
    unknown_actors : {"error", "add"}
        What to do with ties naming actors not in ``actors``.
    duplicates : {"error", "sum", "keep"}
        What to do with a tie given twice (same ends, relation and wave).
    self_ties : {"error", "drop"}
        What to do with a tie from an actor to itself.
    wave_order : sequence, optional
        Order of the wave labels when it is not their natural order
        (``["baseline", "follow-up"]``).
    roles : mapping, optional
        Roles as written mapped to the roles they count as
        (``{"Commissioner": "policymaker"}``), winning over the built-in
        synonyms; see :mod:`systemsmap.roles`.

    Returns
    -------
    StakeholderNetwork

    Raises
    ------
    DataError
        Naming the table, rows, column and value of the first problem found:
        missing columns, empty or repeated ids, self-ties, repeated ties, bad
        weights, bad waves.
    UnknownActorError
        For ties naming actors not in ``actors`` (with suggestions); it is
        also a ``KeyError`` and a ``DataError``.
    OptionError
        If an option has a value it cannot take (``self_ties="ignore"``,
        ``ties=[...]`` rather than a DataFrame).

    Notes
    -----
    Ids are text: numeric ids become their decimal text (``7`` -> ``"7"``).
    Messages name the tables ``"DataFrame ties"`` and ``"DataFrame actors"``
    and count their rows from 1 (row 1 is ``ties.iloc[0]``). Lenient options
    warn (:class:`~systemsmap.errors.DataWarning`) with what they changed.

    Examples
    --------
    >>> import pandas as pd
    >>> import systemsmap as sm
    >>> actors = pd.DataFrame({"id": ["A", "B", "C"], "role": ["Researcher", "Policy maker", "PWLE"]})
    >>> ties = pd.DataFrame({"from": ["A", "B"], "to": ["B", "C"]})
    >>> net = sm.from_frames(actors, ties)
    >>> net.actors["role"].tolist()
    ['researcher', 'policymaker', 'lived_experience']
    >>> len(net), len(net.ties)
    (3, 2)
    """
    check_frame("actors", actors, allow_none=True)
    check_frame("ties", ties)
    check_bool("directed", directed)
    opts = check_reader_options(columns=columns, unknown_actors=unknown_actors, duplicates=duplicates,
                                self_ties=self_ties, wave_order=wave_order, roles=roles)
    return build_network(actors, ties, directed=directed, **opts)
