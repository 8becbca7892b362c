"""Languages of articles: which one a text is in (:mod:`.detect`) and the
normalisation that makes Arabic-script spellings comparable (:mod:`.normalise`).
Both are pure and import nothing of the extractor; each language's data is read by
:mod:`geo.extract.language` from ``data/lang/<code>/``."""
