"""sea-kg: a knowledge graph of organizations, programs and commitments in Southeast Asia.

The command line (``kg``) is a thin layer over this package:

>>> from kg import __version__
>>> isinstance(__version__, str)
True
"""

__version__ = "0.1.0"
