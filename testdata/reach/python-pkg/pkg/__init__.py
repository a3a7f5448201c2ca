# The package re-exports parse, as many packages do.
from .utils import parse
