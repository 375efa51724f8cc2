"""Build the search index when the reader opens search, not on every page view.

Material's bundle starts its search worker on every page: it fetches the index and has the worker
build it, which keeps a phone's CPU busy while the page the reader came for is still starting up
(on a guide page it was the largest cost Lighthouse found). Material already waits for the reader
to open search when a site is read from `file://`; this hook makes it wait everywhere. Search looks
and works the same; the first search after a page load shows Material's "Initializing search"
for a moment.

The change is one expression in the pinned bundle. If Material changes it, the build fails here,
naming the bundle, rather than shipping an unpatched or broken one.
"""

from __future__ import annotations

from fnmatch import fnmatch

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

BUNDLE = "assets/javascripts/bundle.*.min.js"
# The stream that starts the worker: "always, unless read from file://" merged with "search opened".
ALWAYS_UNLESS_FILE = '$(location.protocol!=="file:")'
NEVER = "$(!1)"


@event_priority(-110)  # after the i18n plugin (-100), which cannot take a file with generated content
def on_files(files: Files, config: MkDocsConfig) -> Files:
    bundles = [f for f in files if fnmatch(f.src_uri, BUNDLE)]
    if len(bundles) != 1:
        raise PluginError(
            f"lazy_search: expected one {BUNDLE} among the theme's files, found {[f.src_uri for f in bundles]}"
        )
    bundle = bundles[0]
    text = bundle.content_string
    found = text.count(ALWAYS_UNLESS_FILE)
    if found != 1:
        raise PluginError(
            f"lazy_search: {bundle.src_uri}: expected {ALWAYS_UNLESS_FILE!r} once, found it "
            f"{found} times; Material's search start-up changed: update or remove this hook"
        )
    bundle.content_string = text.replace(ALWAYS_UNLESS_FILE, NEVER)
    return files
