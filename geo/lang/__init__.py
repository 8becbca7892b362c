"""Languages of articles: which one a text is in (:mod:`.detect`) and the
normalisation that makes Arabic-script spellings comparable (:mod:`.normalise`)."""
