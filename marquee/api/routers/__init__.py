"""One router per area of the API; ``marquee.api.api`` mounts them."""
