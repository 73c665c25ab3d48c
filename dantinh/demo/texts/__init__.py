"""Realistic demo items for a city mass-mobilisation commission (Hải Phòng by default).

Pure Python, no Django: :func:`generate_item` composes one item (text and classification) for a
date and a place, :func:`village_names` invents the villages or residential groups of a commune.
Both draw only from the ``random.Random`` they are given, so a seed reproduces the data set.
"""

from ._engine import active_seasons, generate_item, village_names

__all__ = ["active_seasons", "generate_item", "village_names"]
