"""`python -m pipeline import FILE`: a Word (.docx), OpenDocument (.odt), web page (.html)
or Markdown page (GitHub, Hugo, Jekyll) becomes a checked source folder, with a
report of every repair (import-report.html). run.py drives it; each other module
does one job (README.md, "Importing a Word document or web page")."""
