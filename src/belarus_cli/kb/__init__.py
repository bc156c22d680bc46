"""The knowledge base: what each kind of record holds (``kinds``), reading and checking the YAML
(``yaml_reader``, ``schema_check``), loading it fast (``store``, ``cache``, ``bulk``), the briefing's own
text and the checks against it (``briefing_text``, ``briefing_check``), and pure queries over records
(``filters``, ``timeline``)."""
