"""How we present it: text, HTML and PDF reports, charts and JSON exports."""
