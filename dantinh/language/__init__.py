"""Vietnamese text: normalisation, search folding, and (later) the language engine.

Pure Python: nothing in this package imports Django.
"""
