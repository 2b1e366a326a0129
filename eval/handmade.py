"""Hand-written fan fiction with hand-made gold (``eval/gold/handmade/``): the ``handmade`` suite.

Eight short original stories in eight fandoms and styles (first person present; a British
single-quote group scene; present-tense romance with untagged exchanges and text messages; an
action scene with unnamed minor characters, titles and a talking companion; then a three-person
Star Wars scene, first-person past Percy Jackson, present-tense Good Omens banter and a Haikyuu!!
team scene with a phone call), written and annotated
blind, before ficscope was run on them (``eval/gold/handmade/README.md``). The stories are
``texts/<name>.txt`` beside the gold; the gold is in the seeds' format (eval/seeds.py), one
``<name>.quotes.json`` and ``<name>.characters.json`` per story.
"""

from __future__ import annotations

from pathlib import Path

from eval.documents import GoldDoc
from eval.seeds import load_gold_doc

GOLD_DIR = Path(__file__).resolve().parent / "gold" / "handmade"
TEXTS_DIR = GOLD_DIR / "texts"
BLIND_DIR = Path(__file__).resolve().parent / "gold" / "blind"
"""Four further stories in the same format, written for a one-time estimate on unseen fan
fiction (``eval/gold/blind/README.md``): the ``blind`` suite."""
BLIND4_DIR = Path(__file__).resolve().parent / "gold" / "blind4"
"""Round 4 (``eval/gold/blind4/README.md``), scored once and since development data: ``blind
--gold eval/gold/blind4``, gated as ``blind4``."""
DEV6_DIR = Path(__file__).resolve().parent / "gold" / "dev6"
"""Six stories of typical fan fiction written as development data from the start
(``eval/gold/dev6/README.md``): ``blind --gold eval/gold/dev6``, gated as ``dev6``."""
BLIND5_DIR = Path(__file__).resolve().parent / "gold" / "blind5"
"""Five stories of typical fan fiction, scored blind twice in the session that wrote them and
development data since (``eval/gold/blind5/README.md``): gated as ``blind5``."""
BLIND6_DIR = Path(__file__).resolve().parent / "gold" / "blind6"
"""Six longer typical stories, scored blind twice in the sixth session and development data
since (``eval/gold/blind6/README.md``): gated as ``blind6``."""
BLIND7_DIR = Path(__file__).resolve().parent / "gold" / "blind7"
"""Eight stories of eight fandoms, scored blind twice in the seventh session and development data
since (``eval/gold/blind7/README.md``): gated as ``blind7``."""
BLIND8_DIR = Path(__file__).resolve().parent / "gold" / "blind8"
"""Eight stories of eight more fandoms, scored blind once at the start of the eighth session and
development data since (``eval/gold/blind8/README.md``): gated as ``blind8``."""
BLIND9_DIR = Path(__file__).resolve().parent / "gold" / "blind9"
"""Eight stories of eight more fandoms, scored blind at the start and the end of the eighth
session and development data since (``eval/gold/blind9/README.md``): gated as ``blind9``."""
BLIND10_DIR = Path(__file__).resolve().parent / "gold" / "blind10"
"""Eight stories of eight more fandoms, scored blind once at the start of the ninth session and
development data since (``eval/gold/blind10/README.md``): gated as ``blind10``."""
BLIND11_DIR = Path(__file__).resolve().parent / "gold" / "blind11"
"""Eight stories of eight more fandoms, scored blind at the start and the end of the ninth
session and development data since (``eval/gold/blind11/README.md``): gated as ``blind11``."""
BLIND12_DIR = Path(__file__).resolve().parent / "gold" / "blind12"
"""Eight stories of eight more fandoms, scored blind at the start and the end of the tenth
session and development data since (``eval/gold/blind12/README.md``): gated as ``blind12``."""
BLIND13_DIR = Path(__file__).resolve().parent / "gold" / "blind13"
"""Eight stories of eight more fandoms, scored blind at the start and the end of the eleventh
session and development data since (``eval/gold/blind13/README.md``): gated as ``blind13``."""
BLIND14_DIR = Path(__file__).resolve().parent / "gold" / "blind14"
"""Eight stories of eight more fandoms, scored blind at the start and the end of the twelfth
session and development data since (``eval/gold/blind14/README.md``): gated as ``blind14``."""
BLIND15_DIR = Path(__file__).resolve().parent / "gold" / "blind15"
"""Eight stories of eight more fandoms, scored blind at the start and the end of the twelfth and
the thirteenth sessions and development data since (``eval/gold/blind15/README.md``): gated as
``blind15``."""
BLIND16_DIR = Path(__file__).resolve().parent / "gold" / "blind16"
"""Six longer stories of six more fandoms, scored blind at the start and the end of the twelfth
and the thirteenth sessions and development data since (``eval/gold/blind16/README.md``): gated
as ``blind16``."""
BLIND20_DIR = Path(__file__).resolve().parent / "gold" / "blind20"
"""Eight stories of eight more fandoms, scored blind (totals only) at the start of the fourteenth
session and after each of its merges, and development data since (``eval/gold/blind20/README.md``):
gated as ``blind20``."""
BLIND19_DIR = Path(__file__).resolve().parent / "gold" / "blind19"
"""Eight stories of eight more fandoms, scored blind (totals only) at the start of the fourteenth
session, after each of its merges and at the start of the fifteenth, and development data since
(``eval/gold/blind19/README.md``): gated as ``blind19``."""
BLIND21_DIR = Path(__file__).resolve().parent / "gold" / "blind21"
"""Eight stories of eight more fandoms, scored blind (totals only) at the end of the fourteenth
session and in the fifteenth until its first merges were in, and development data since
(``eval/gold/blind21/README.md``): gated as ``blind21``."""
BLIND22_DIR = Path(__file__).resolve().parent / "gold" / "blind22"
"""Eight stories of eight more fandoms, scored blind (totals only) through the fifteenth session
and at the sixteenth's start, and development data since (``eval/gold/blind22/README.md``): gated
as ``blind22``."""
BLIND23_DIR = Path(__file__).resolve().parent / "gold" / "blind23"
"""Eight stories of eight more fandoms, scored blind (totals only) from the fifteenth session's
middle to the seventeenth's start, and development data since (``eval/gold/blind23/README.md``):
gated as ``blind23``."""
BLIND24_DIR = Path(__file__).resolve().parent / "gold" / "blind24"
"""Eight stories of eight more fandoms, scored blind (totals only) from the sixteenth session's
start to the eighteenth's, and development data since (``eval/gold/blind24/README.md``): gated as
``blind24``."""
BLIND25_DIR = Path(__file__).resolve().parent / "gold" / "blind25"
"""Eight stories of eight more fandoms, scored blind (totals only) from the seventeenth session's
start to the nineteenth's, and development data since (``eval/gold/blind25/README.md``): gated as
``blind25``."""
DEV7_DIR = Path(__file__).resolve().parent / "gold" / "dev7"
"""Six longer stories with larger group scenes, development data from the start
(``eval/gold/dev7/README.md``): gated as ``dev7``."""


# The gated fan-fiction suites written in the handmade format, by name (``eval/run.py gate``).
GATED_DIRS: dict[str, Path] = {
    "handmade": GOLD_DIR,
    "blind": BLIND_DIR,
    "blind4": BLIND4_DIR,
    "dev6": DEV6_DIR,
    "blind5": BLIND5_DIR,
    "dev7": DEV7_DIR,
    "blind6": BLIND6_DIR,
    "blind7": BLIND7_DIR,
    "blind8": BLIND8_DIR,
    "blind9": BLIND9_DIR,
    "blind10": BLIND10_DIR,
    "blind11": BLIND11_DIR,
    "blind12": BLIND12_DIR,
    "blind13": BLIND13_DIR,
    "blind14": BLIND14_DIR,
    "blind15": BLIND15_DIR,
    "blind16": BLIND16_DIR,
    "blind20": BLIND20_DIR,
    "blind19": BLIND19_DIR,
    "blind21": BLIND21_DIR,
    "blind22": BLIND22_DIR,
    "blind23": BLIND23_DIR,
    "blind24": BLIND24_DIR,
    "blind25": BLIND25_DIR,
}


def load_handmade(gold_dir: Path = GOLD_DIR) -> list[GoldDoc]:
    """Every story in ``gold_dir/texts`` with its gold, as GoldDocs."""
    return [load_gold_doc(story, gold_dir) for story in sorted((gold_dir / "texts").glob("*.txt"))]
