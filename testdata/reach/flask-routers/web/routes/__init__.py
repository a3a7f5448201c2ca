# A package re-exporting a router bound in another module.
from ..blueprints import accounts
