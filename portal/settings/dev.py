"""Development: the demo portal on SQLite, email printed to the console."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.boolean("DEBUG", True)
INTERNAL_IPS = ["127.0.0.1"]
