"""Citations: the pieces every citation arranges (``parts``), the named styles (``styles``) and the
output formats, text to reference-manager exports (``formats``)."""
