"""Write the survey-export fixtures of tests/test_io_survey.py, and the truth table of each.

Each fixture is one stakeholder survey as a survey tool exports it, written
byte for byte in that tool's layout (header rows, metadata columns, quoting,
encoding and line endings):

- ``qualtrics.csv``: three header rows (column ids, question text,
  ``{"ImportId": ...}``), Qualtrics' metadata columns, UTF-8 with a byte-order
  mark, CRLF line endings, quotes only where a field needs them;
- ``surveymonkey.csv``: two header rows (each question over its block of
  blank cells, then the block's rows or ``Response``/``Open-Ended
  Response``), SurveyMonkey's metadata columns, UTF-8 with a BOM, CRLF;
- ``google_forms.csv``: one header row, grid rows as ``Question [Row]``,
  every field quoted, UTF-8 without a BOM;
- ``ms_forms.xlsx``: Microsoft Forms' workbook (``ID``, ``Start time``,
  ``Completion time``, ``Email``, ``Name``), Likert rows as
  ``Question.Statement``;
- ``redcap_labels.csv``: REDCap's "CSV (labels)" export, a matrix field's
  rows headed by their labels alone, UTF-8 with a BOM;
- ``spss.sav``: SPSS as Qualtrics writes it: variables ``Q1``, ``Q3_1`` ...
  labelled with the question text, ratings coded 1 to 5 with value labels,
  9 = "Don't know" declared user-missing and 8 = "Not applicable" only
  labelled;
- ``nominations.csv``: a name generator (free recall): ``Name 1`` ...
  ``Name 5`` typed as people type them, each with ``Name k - How often?``.

Every fixture has 25 to 40 actors, non-respondents, respondents' names typed
with changed case and spacing, missing or extra titles and one typo, and
"Don't know" answers. The truth table (``NAME.truth.json``) is the network
the respondents described: the actors in the order the reader gives them
(respondents in row order, then the others in list order), the respondents,
each tie with its rating, and each respondent's role; it is made from the
intended answers here, never by reading the fixture back.

Run ``python tests/data/survey/make_survey_fixtures.py`` to write them again (the
same bytes, but for the workbook's and the SPSS file's creation times).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent

PEOPLE = [  # (name on the list, role, organisation)
    ("Dr Amara Okafor", "researcher", "Northfield University"), ("Prof Ian Marsh", "researcher", "Northfield University"),
    ("Kai Tanaka", "implementer", "Riverside Health Trust"), ("Owen Price", "policymaker", "Department of Health"),
    ("Cllr Rosa Delgado", "policymaker", "City Council"), ("Ms Priya Nair", "implementer", "Riverside Health Trust"),
    ("Mr Tomasz Kowalski", "funder", "Wellbeing Foundation"), ("Dr Helen Fraser", "implementer", "Eastgate Clinic"),
    ("Sir Malcolm Reid", "funder", "Wellbeing Foundation"), ("Dame Judith Cole", "policymaker", "Department of Health"),
    ("Aisha Bello", "lived_experience", "Voices Network"), ("Liam O'Connor", "lived_experience", "Voices Network"),
    ("Dr Mei Lin", "researcher", "Institute of Public Health"), ("Grace Mensah", "champion", "Eastgate Clinic"),
    ("Peter Hale", "implementer", "Community Care Partnership"), ("Sofia Rossi", "lived_experience", "Carers' Forum"),
    ("Ben Adeyemi", "implementer", "Community Care Partnership"), ("Hannah Schmidt", "funder", "Integrated Care Board"),
    ("Dr Ravi Patel", "champion", "Riverside Health Trust"), ("Chloe Dubois", "researcher", "Institute of Public Health"),
    ("Mrs Fatima Khan", "lived_experience", "Carers' Forum"), ("Jonas Berg", "policymaker", "City Council"),
    ("Nadia Haddad", "implementer", "Eastgate Clinic"), ("Prof Elena Petrova", "researcher", "Northfield University"),
    ("Samuel Osei", "champion", "Community Care Partnership"), ("Isla MacLeod", "funder", "Integrated Care Board"),
    ("Dr Yusuf Demir", "implementer", "Riverside Health Trust"), ("Ruth Abernethy", "lived_experience", "Voices Network"),
    ("Mateo García", "researcher", "Institute of Public Health"), ("Zara Ahmed", "policymaker", "Department of Health"),
    ("Cllr David Evans", "policymaker", "City Council"), ("Leah Goldberg", "implementer", "Community Care Partnership"),
    ("Oscar Lindqvist", "funder", "Wellbeing Foundation"), ("Dr Ama Boateng", "implementer", "Eastgate Clinic"),
    ("Patrick Byrne", "lived_experience", "Carers' Forum"), ("Ingrid Solberg", "researcher", "Northfield University"),
    ("Tariq Rahman", "champion", "Integrated Care Board"), ("Eleanor Wright", "policymaker", "Department of Health"),
    ("Hugo Martin", "implementer", "Community Care Partnership"), ("Niamh Walsh", "lived_experience", "Voices Network"),
]
#: How respondents write each role: canonical names, the synonyms the reader maps, and their own words.
ROLE_WORDS = {
    "researcher": ["Researcher", "Academic", "researcher"],
    "implementer": ["Clinician", "Practitioner", "Implementer", "Service provider"],
    "policymaker": ["Policy maker", "Civil servant", "Policy adviser", "Policymaker"],
    "funder": ["Funder", "Commissioner"],
    "lived_experience": ["Service user", "Carer", "Peer worker", "Lived experience"],
    "champion": ["Champion", "Implementation champion"],
}
SCALE = ["Never", "A few times a year", "Monthly", "Weekly", "Daily"]
DONT_KNOW = "Don't know"
QUESTION = "How often do you work with each of the following people?"
TITLES = ("Dr ", "Prof ", "Cllr ", "Ms ", "Mr ", "Mrs ", "Sir ", "Dame ")


def _bare(name: str) -> str:
    for t in TITLES:
        if name.startswith(t):
            return name[len(t):]
    return name


def _typo(name: str) -> str:
    """One slip in the surname: a vowel replaced by its neighbour on the keyboard or in sound."""
    first, _, last = _bare(name).rpartition(" ")
    swap = {"i": "y", "e": "a", "a": "e", "o": "u", "u": "o"}
    for k in range(len(last) - 1, 0, -1):
        if last[k] in swap:
            return f"{first} {last[:k]}{swap[last[k]]}{last[k + 1:]}"
    raise ValueError(name)


def typed_names(names: list[str], rng: random.Random) -> dict[str, str]:
    """Each respondent's name as typed: mostly as listed, else in another case, spacing or title; one typo."""
    ways = [lambda n: n, lambda n: n, lambda n: _bare(n).lower() + " ", lambda n: "  " + _bare(n).upper(),
            lambda n: _bare(n), lambda n: n.replace(" ", "  ", 1), lambda n: "Dr " + _bare(n) if not n.startswith(
                ("Dr ", "Prof ")) else n.replace("Dr ", "Dr. ").replace("Prof ", "Professor ")]
    out = {n: rng.choice(ways)(n) for n in names}
    slip = next(n for n in names if n not in out or out[n] == n)
    out[slip] = _typo(slip)
    return out


class Survey:
    """One survey's intended answers: who is on the list, who answered, what each typed and rated."""

    def __init__(self, seed: int, n_actors: int, n_respondents: int, near_miss_role: bool = False):
        rng = random.Random(seed)
        people = rng.sample(PEOPLE, n_actors)
        self.names = [p[0] for p in people]
        self.role = {p[0]: p[1] for p in people}
        self.org = {p[0]: p[2] for p in people}
        self.respondents = rng.sample(self.names, n_respondents)  # row order
        self.typed = typed_names(self.respondents, rng)
        self.role_typed = {n: rng.choice(ROLE_WORDS[self.role[n]]) for n in self.respondents}
        if near_miss_role:
            victim = next(n for n in self.respondents if self.role[n] == "policymaker")
            self.role_typed[victim] = "Polciymaker"
        self.answer: dict[tuple[str, str], str | None] = {}
        for r in self.respondents:
            for a in self.names:
                self.answer[r, a] = None if a == r else self._draw(rng)
        self._everyone_rated(rng)

    @staticmethod
    def _draw(rng: random.Random) -> str | None:
        x = rng.random()
        if x < 0.5:
            return None
        if x < 0.56:
            return DONT_KNOW
        return rng.choices(SCALE, weights=[3, 3, 3, 2, 1])[0]

    def _everyone_rated(self, rng: random.Random) -> None:
        """Every actor on the list gets at least one rating on the scale (so a plain roster can find its column)."""
        for a in self.names:
            if not any(self.answer[r, a] in SCALE for r in self.respondents if r != a):
                r = next(r for r in self.respondents if r != a)
                self.answer[r, a] = rng.choice(SCALE[1:])

    def truth(self, *, role_of=None) -> dict:
        order = self.respondents + [n for n in self.names if n not in self.respondents]
        ties = [[r, a, SCALE.index(v)] for r in self.respondents for a in self.names
                if (v := self.answer[r, a]) in SCALE and SCALE.index(v) >= 1]
        roles = {r: (role_of or _canonical_role)(self.role_typed[r]) for r in self.respondents}
        return {"actors": order, "respondents": self.respondents, "ties": ties, "roles": roles,
                "typed": {r: self.typed[r] for r in self.respondents},
                "dont_know": sum(v == DONT_KNOW for v in self.answer.values())}


def _canonical_role(word: str) -> str:
    for canon, words in ROLE_WORDS.items():
        if word in words:
            return canon
    return word.lower().replace(" ", "_")


def _csv_bytes(rows: list[list], *, bom: bool, crlf: bool, quote_all: bool = False) -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n" if crlf else "\n",
                   quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    for r in rows:
        w.writerow(["" if v is None else v for v in r])
    return (b"\xef\xbb\xbf" if bom else b"") + buf.getvalue().encode("utf-8")


def _times(rng: random.Random, k: int) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime(2025, 3, 3, 8, 30) + dt.timedelta(minutes=97 * k + rng.randint(0, 60))
    return start, start + dt.timedelta(seconds=rng.randint(180, 900))


def write_qualtrics(s: Survey, path: Path) -> None:
    rng = random.Random(1)
    meta = [("StartDate", "Start Date", '{"ImportId":"startDate","timeZone":"Europe/London"}'),
            ("EndDate", "End Date", '{"ImportId":"endDate","timeZone":"Europe/London"}'),
            ("Status", "Response Type", '{"ImportId":"status"}'),
            ("IPAddress", "IP Address", '{"ImportId":"ipAddress"}'),
            ("Progress", "Progress", '{"ImportId":"progress"}'),
            ("Duration (in seconds)", "Duration (in seconds)", '{"ImportId":"duration"}'),
            ("Finished", "Finished", '{"ImportId":"finished"}'),
            ("RecordedDate", "Recorded Date", '{"ImportId":"recordedDate","timeZone":"Europe/London"}'),
            ("ResponseId", "Response ID", '{"ImportId":"_recordId"}'),
            ("RecipientLastName", "Recipient Last Name", '{"ImportId":"recipientLastName"}'),
            ("RecipientFirstName", "Recipient First Name", '{"ImportId":"recipientFirstName"}'),
            ("RecipientEmail", "Recipient Email", '{"ImportId":"recipientEmail"}'),
            ("ExternalReference", "External Data Reference", '{"ImportId":"externalDataReference"}'),
            ("LocationLatitude", "Location Latitude", '{"ImportId":"locationLatitude"}'),
            ("LocationLongitude", "Location Longitude", '{"ImportId":"locationLongitude"}'),
            ("DistributionChannel", "Distribution Channel", '{"ImportId":"distributionChannel"}'),
            ("UserLanguage", "User Language", '{"ImportId":"userLanguage"}')]
    qs = [("Q1", "What is your name?", '{"ImportId":"QID1_TEXT"}'),
          ("Q2", "What is your role?", '{"ImportId":"QID2_TEXT"}'),
          ("Q4", "Which organisation do you work for?", '{"ImportId":"QID4_TEXT"}')]
    grid = [(f"Q3_{k + 1}", f"{QUESTION} - {n}", f'{{"ImportId":"QID3_{k + 1}"}}') for k, n in enumerate(s.names)]
    cols = meta + qs + grid
    rows = [[c[0] for c in cols], [c[1] for c in cols], [c[2] for c in cols]]
    for k, r in enumerate(s.respondents):
        start, end = _times(rng, k)
        stamp = "%Y-%m-%d %H:%M:%S"
        rows.append([start.strftime(stamp), end.strftime(stamp), "IP Address",
                     f"81.{rng.randint(2, 250)}.{rng.randint(2, 250)}.{rng.randint(2, 250)}", 100,
                     int((end - start).total_seconds()), "True", end.strftime(stamp),
                     "R_" + "".join(rng.choice("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
                                    for _ in range(15)), "", "", "", "",
                     f"51.{rng.randint(1000, 9999)}", f"-0.{rng.randint(1000, 9999)}", "anonymous", "EN-GB",
                     s.typed[r], s.role_typed[r], s.org[r]] + [s.answer[r, a] for a in s.names])
    path.write_bytes(_csv_bytes(rows, bom=True, crlf=True))


def write_surveymonkey(s: Survey, path: Path) -> None:
    rng = random.Random(2)
    head1 = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name",
             "Last Name", "Custom Data 1", "What is your name?", "What is your role?",
             "Which organisation do you work for?", QUESTION] + [None] * (len(s.names) - 1)
    head2 = [None] * 9 + ["Open-Ended Response", "Open-Ended Response", "Open-Ended Response"] + list(s.names)
    rows = [head1, head2]
    for k, r in enumerate(s.respondents):
        start, end = _times(rng, k)
        stamp = "%m/%d/%Y %I:%M:%S %p"
        rows.append([str(114598300000 + rng.randint(10000, 99999)), "431776512", start.strftime(stamp),
                     end.strftime(stamp), f"86.{rng.randint(2, 250)}.{rng.randint(2, 250)}.{rng.randint(2, 250)}",
                     None, None, None, None, s.typed[r], s.role_typed[r], s.org[r]]
                    + [s.answer[r, a] for a in s.names])
    path.write_bytes(_csv_bytes(rows, bom=True, crlf=True))


def write_google(s: Survey, path: Path) -> None:
    rng = random.Random(3)
    head = ["Timestamp", "What is your name?", "What is your role?", "Which organisation do you work for?"] + [
        f"{QUESTION} [{n}]" for n in s.names]
    rows = [head]
    for k, r in enumerate(s.respondents):
        start, _ = _times(rng, k)
        stamp = f"{start:%Y/%m/%d} {start.hour % 12 or 12}:{start:%M:%S} {'AM' if start.hour < 12 else 'PM'} GMT"
        rows.append([stamp, s.typed[r], s.role_typed[r], s.org[r]] + [s.answer[r, a] for a in s.names])
    path.write_bytes(_csv_bytes(rows, bom=False, crlf=False, quote_all=True))


def write_ms_forms(s: Survey, path: Path) -> None:
    from openpyxl import Workbook

    rng = random.Random(4)
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["ID", "Start time", "Completion time", "Email", "Name", "Last modified time", "What is your name?",
               "What is your role?", "Which organisation do you work for?"] + [f"{QUESTION}.{n}" for n in s.names])
    for k, r in enumerate(s.respondents):
        start, end = _times(rng, k)
        ws.append([k + 1, start, end, "anonymous", None, None, s.typed[r], s.role_typed[r], s.org[r]]
                  + [s.answer[r, a] for a in s.names])
    for row in ws.iter_rows(min_row=2, min_col=2, max_col=3):
        for cell in row:
            cell.number_format = "m/d/yy h:mm:ss"
    stamp = dt.datetime(2025, 3, 10, 9, 0)
    wb.properties.created = wb.properties.modified = stamp
    wb.save(path)


def write_redcap(s: Survey, path: Path) -> None:
    rng = random.Random(5)
    head = ["Record ID", "Survey Identifier", "Survey Timestamp", "Your name", "Your role", "Your organisation"] + \
        list(s.names) + ["Complete?"]
    rows = [head]
    for k, r in enumerate(s.respondents):
        start, _ = _times(rng, k)
        rows.append([k + 1, None, start.strftime("%Y-%m-%d %H:%M:%S"), s.typed[r], s.role_typed[r], s.org[r]]
                    + [s.answer[r, a] for a in s.names] + ["Complete"])
    path.write_bytes(_csv_bytes(rows, bom=True, crlf=False))


SPSS_CODES = {"Never": 1, "A few times a year": 2, "Monthly": 3, "Weekly": 4, "Daily": 5, DONT_KNOW: 9,
              "Not applicable": 8}


def write_spss(s: Survey, path: Path) -> dict:
    """SPSS as Qualtrics writes it; some "Don't know" answers become 8 = "Not applicable" (labelled only)."""
    import pandas as pd
    import pyreadstat

    rng = random.Random(6)
    data = {"ResponseId": [f"R_{k:04d}" for k in range(len(s.respondents))],
            "Q1": [s.typed[r] for r in s.respondents], "Q2": [s.role_typed[r] for r in s.respondents],
            "Q4": [s.org[r] for r in s.respondents]}
    n_na = 0
    for k, a in enumerate(s.names):
        codes = []
        for r in s.respondents:
            v = s.answer[r, a]
            if v == DONT_KNOW and rng.random() < 0.4:
                v = "Not applicable"
                n_na += 1
            codes.append(float("nan") if v is None else float(SPSS_CODES[v]))
        data[f"Q3_{k + 1}"] = codes
    df = pd.DataFrame(data)
    labels = {"ResponseId": "Response ID", "Q1": "What is your name?", "Q2": "What is your role?",
              "Q4": "Which organisation do you work for?"}
    labels.update({f"Q3_{k + 1}": f"{QUESTION} - {n}" for k, n in enumerate(s.names)})
    value_labels = {f"Q3_{k + 1}": {float(c): t for t, c in SPSS_CODES.items()} for k in range(len(s.names))}
    missing = {f"Q3_{k + 1}": [9] for k in range(len(s.names))}
    pyreadstat.write_sav(df, str(path), column_labels=labels, variable_value_labels=value_labels,
                         missing_ranges=missing)
    return {"not_applicable": n_na}


# ---------------------------------------------------------------------- the name generator
NOMINEE_WAYS = {  # canonical spelling -> other ways people type the same person
    "Amara Okafor": ["Dr Amara Okafor", "amara okafor", "Dr A. Okafor", "Okafor, Amara", "A Okafor"],
    "Ian Marsh": ["Prof Ian Marsh", "ian marsh", "Professor Ian Marsh", "I. Marsh"],
    "Owen Price": ["Owen Pryce", "owen price", "O Price"],
    "Kai Tanaka": ["KAI TANAKA", "kai  tanaka", "Kai Tanka"],
    "Rosa Delgado": ["Cllr Rosa Delgado", "Rosa Delgardo", "R. Delgado"],
    "Helen Fraser": ["Dr Helen Fraser", "Helen Frazer", "H Fraser"],
    "Grace Mensah": ["grace mensah", "Grace Mensa"],
    "Ravi Patel": ["Dr Ravi Patel", "Dr R Patel", "ravi patel"],
    "Elena Petrova": ["Prof Elena Petrova", "Elena Petrova ", "E. Petrova"],
    "Tariq Rahman": ["Tariq Rehman", "tariq rahman"],
}


def write_nominations(path: Path) -> dict:
    """40 respondents naming up to five people each, as typed, with how often they go to each for advice."""
    rng = random.Random(7)
    people = [_bare(p[0]) for p in PEOPLE]
    respondents = people[:40]
    typed_self = typed_names(respondents, random.Random(8))
    # respondents type their own name without the slip: the slip is kept for the nominees
    typed_self = {r: (t if t.strip().lower().split()[-1] == r.lower().split()[-1] else r)
                  for r, t in typed_self.items()}
    outsiders = ["Maria Santos", "Joseph Kamau", "Lucy Fenwick", "Ahmed Farouk", "Sarah O'Neill", "Daniel Cho"]
    pool = people + outsiders
    popular = list(NOMINEE_WAYS) + outsiders[:3]
    head = ["Timestamp", "Your name", "Your role"]
    for k in range(1, 6):
        head += [f"Name {k}", f"Name {k} - How often?"]
    rows, ties, mentions = [head], [], {}
    cycle = {c: [x for w in ways for x in (c, w)] for c, ways in NOMINEE_WAYS.items()}
    used: dict[str, int] = {}
    for i, r in enumerate(respondents):
        n = rng.choice([0, 2, 3, 3, 4, 4, 5, 5, 5]) if i else 5
        chosen = []
        while len(chosen) < n:
            c = rng.choice(popular) if rng.random() < 0.6 else rng.choice(pool)
            if c != r and c not in chosen:
                chosen.append(c)
        row = [f"2025/04/{1 + i % 28:02d} {9 + i % 8}:{(7 * i) % 60:02d}:00 AM GMT", typed_self[r],
               rng.choice(ROLE_WORDS[next(p[1] for p in PEOPLE if _bare(p[0]) == r)])]
        for c in chosen:
            ways = cycle.get(c, [c])
            spelling = ways[used.get(c, 0) % len(ways)]
            used[c] = used.get(c, 0) + 1
            mentions[spelling.strip()] = c
            freq = rng.choice(SCALE[1:] + [DONT_KNOW])
            row += [spelling, freq]
            ties.append([r, c, freq])
        row += [None, None] * (5 - len(chosen))
        rows.append(row)
    path.write_bytes(_csv_bytes(rows, bom=False, crlf=False, quote_all=True))
    actors = list(dict.fromkeys(respondents + [t for _, t, _ in ties]))
    return {"people": actors, "respondents": respondents, "ties": ties,
            "spellings": {k: v for k, v in sorted(mentions.items())}, "typed": typed_self,
            "slips": sorted(w.strip() for ws in NOMINEE_WAYS.values() for w in ws if w.strip() in mentions)}


def main() -> None:
    fixtures = {
        "qualtrics": (Survey(11, 30, 22, near_miss_role=True), write_qualtrics, "qualtrics.csv"),
        "surveymonkey": (Survey(12, 28, 21), write_surveymonkey, "surveymonkey.csv"),
        "google_forms": (Survey(13, 32, 24), write_google, "google_forms.csv"),
        "ms_forms": (Survey(14, 26, 19), write_ms_forms, "ms_forms.xlsx"),
        "redcap_labels": (Survey(15, 35, 27), write_redcap, "redcap_labels.csv"),
        "spss": (Survey(16, 30, 23), write_spss, "spss.sav"),
    }
    for name, (survey, writer, file) in fixtures.items():
        extra = writer(survey, HERE / file) or {}
        truth = {"file": file, **survey.truth(), **extra}
        (HERE / f"{name}.truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n",
                                                 encoding="utf-8")
    truth = write_nominations(HERE / "nominations.csv")
    (HERE / "nominations.truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n",
                                                 encoding="utf-8")


if __name__ == "__main__":
    main()
