"""Finding records: text normalisation (``normalise``), the inverted index (``index``), the scoring
rules (``ranking``) and turning what a user typed into one record (``resolve``)."""
