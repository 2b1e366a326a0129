"""ficscope's evaluation harness: gold loaders, scorers, a held-out split and an accuracy gate.

::

    documents.py   GoldDoc (gold layers as character offsets) and Prediction (what a system said)
    litbank.py     LitBank -> GoldDoc, one per book, in the text view ficscope reads
    seeds.py       the seed works' hand-made gold (eval/gold/seeds/) -> GoldDoc
    ao3.py         the AO3 downloads' hand-made gold (eval/gold/ao3/) -> GoldDoc (seeds' format)
    splits.py      the documented train/test split of LitBank (eval/splits.json)
    adapter.py     a ficscope Work (or a prediction JSON) -> Prediction
    charmap.py     predicted characters -> gold characters by their names (for speaker accuracy)
    scoring.py     the metrics: span P/R/F1, accuracy, MUC, B3, CEAF-e, CoNLL F1
    evaluate.py    score one document, add scores up over documents, the metric table
    gate.py        pinned floors (eval/floors.json) and the check against them
    run.py         the command line: ``python eval/run.py litbank|seeds|ao3|gate|speed``

See docs/evaluation.md for the datasets, the metric definitions and the current numbers.
"""
