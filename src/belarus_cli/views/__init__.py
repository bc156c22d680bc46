"""What each command shows of records, as columns and rows for ``output``: list columns per kind
(``lists``, derived from the kind registry), the card of one record (``card``) and bar charts
(``chart``)."""
