"""The parts of filters/raw_html.py that are not the conversion itself: reading the tags of
pasted HTML as they are written (tags.py) and tidying the elements pandoc made of them (tidy.py).
A package, not modules beside the filters, because every filters/*.py runs as a pandoc filter."""
