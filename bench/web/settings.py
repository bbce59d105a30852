"""Marquee's production settings for the web benchmark, with the per-reader rate limits lifted.

Production limits reactions to 30 a minute per reader; the benchmark's 50 readers each react
several times a second, so under the real limits it would measure refusals (HTTP 429). The
limits stay in force in the code path (the counters are still kept), only far above the load.
"""

from marquee.config.settings import *  # noqa: F403

UNLIMITED = [(10**9, 60)]
MARQUEE_REACTION_RATE_LIMITS = UNLIMITED
MARQUEE_COMMUNITY_ACTION_RATE_LIMITS = UNLIMITED
MARQUEE_LOGIN_RATE_LIMITS = {"account": (10**9, 60), "address": (10**9, 60)}
