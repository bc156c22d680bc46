"""belarus: find, check and cite facts from the House of Commons Library briefing
"Belarus: One year on from the disputed Presidential election" (5 October 2021)."""

__version__ = "0.2.0"
