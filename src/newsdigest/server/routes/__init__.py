"""The API's routers: health, digest and the page."""
