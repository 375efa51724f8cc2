"""The privacy promise, checked three ways: a browser that visits every page (the self-audit's
worker included) sees no request leave the site; the built HTML and CSS name nothing the browser
would fetch from another origin; every page carries a same-origin Content-Security-Policy and
sends no referrer. Each checker is also shown a planted bad example, so it can fail.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitebuild.pages import built_pages


def html_files(site: Path) -> list[Path]:
    files = sorted(site.rglob("*.html"))
    assert files, "the build produced no HTML"
    return files


# --- (a) in the browser: no request leaves the site ------------------------------------------------

# Content-Security-Policy violations (a load the policy blocked) never reach the request log; the
# page records them itself. Init scripts are not subject to the page's policy.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`));
"""


@pytest.mark.browser
def test_no_page_makes_a_request_to_another_origin(context, page, site_url, built_site):
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    paths = built_pages(built_site)
    assert "self-audit/" in paths and "" in paths
    blocked = []
    for path in paths:
        page.goto(site_url + path, wait_until="networkidle")
        if path == "self-audit/":
            page.wait_for_selector("#self-audit[data-engine=ready]", timeout=90_000)
            page.locator('[data-question="urgent"] input[value="yes"]').check()
            page.wait_for_selector("#sa-result .sa-expedited", timeout=15_000)
        blocked += [f"/{path}: {v}" for v in page.evaluate("() => window.__cspViolations")]
    # Search loads its index only when the reader opens it: open it, so its worker's requests count.
    page.goto(site_url, wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("appeal")
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    blocked += [f"/ (search): {v}" for v in page.evaluate("() => window.__cspViolations")]
    log = context.request_log
    # The log must hold the workers' own requests (the engine's and Material's search), or this
    # test could never fail for them.
    assert any(u.endswith("pyodide.asm.wasm") for u in log.urls), log.urls
    assert any(u.endswith(".whl") for u in log.urls), log.urls
    assert any(u.endswith("search/search_index.json") for u in log.urls), log.urls
    assert log.off_origin(site_url) == [], "requests left the site"
    assert blocked == [], "the pages tried loads their own policy blocked:\n" + "\n".join(blocked)
    assert page.js_errors == []


@pytest.mark.browser
def test_the_request_check_sees_another_origin(context, page, site_url):
    other = site_url.replace("127.0.0.1", "localhost")  # same server, another origin
    page.goto(other)
    off = context.request_log.off_origin(site_url)
    assert off[0] == other and all(u.startswith(other) for u in off), off


@pytest.mark.browser
def test_a_load_the_policy_blocks_is_recorded(context, page, site_url):
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    page.goto(site_url + "about/")
    page.evaluate("() => fetch('https://tracker.example/pixel').catch(() => null)")
    page.wait_for_timeout(100)  # the violation event is queued as a task
    assert page.evaluate("() => window.__cspViolations") == ["connect-src blocked https://tracker.example/pixel"]


# --- (b) in the built files: nothing loads from another origin -------------------------------------

ABSOLUTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)  # http://, https://, //host
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*?))\s*\)""", re.IGNORECASE)
CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)

# Attributes the browser fetches by itself, per element. `<a href>` is a plain link: not listed.
LOADS = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "source": ("src", "srcset"),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "link": ("href", "imagesrcset"),
}
# <link> relations the browser never fetches: the canonical address is the site's own, absolute.
LINK_NOT_FETCHED = {"canonical", "alternate", "prev", "next", "author", "license", "help", "me"}


def css_urls(css: str) -> list[str]:
    found = [next(g for g in m.groups() if g is not None) for m in CSS_URL.finditer(css)]
    return found + [next(g for g in m.groups() if g is not None) for m in CSS_IMPORT.finditer(css)]


def css_offsite(css: str) -> list[str]:
    return [u for u in css_urls(css) if ABSOLUTE.match(u)]


def _candidates(attr: str, value: str) -> list[str]:
    if attr.endswith("srcset"):
        return [c.strip().split()[0] for c in value.split(",") if c.strip()]
    return [value]


class _LoadFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.offsite: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        wanted = LOADS.get(tag, ())
        if tag == "link":
            rels = set((values.get("rel") or "").lower().split())
            if rels and rels <= LINK_NOT_FETCHED:
                wanted = ()
        for attr in wanted:
            for url in _candidates(attr, values.get(attr) or ""):
                if ABSOLUTE.match(url):
                    self.offsite.append(f"<{tag} {attr}={url}>")
        for url in css_offsite(values.get("style") or ""):
            self.offsite.append(f"<{tag} style=...url({url})>")
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.offsite += [f"<style> url({u})" for u in css_offsite(data)]


def html_offsite(html: str) -> list[str]:
    """Everything in html that would make the browser fetch from another origin."""
    finder = _LoadFinder()
    finder.feed(html)
    finder.close()
    return finder.offsite


def test_no_built_page_loads_anything_from_another_origin(built_site):
    found = [
        f"{p.relative_to(built_site)}: {hit}"
        for p in html_files(built_site)
        for hit in html_offsite(p.read_text(encoding="utf-8"))
    ]
    assert found == [], "\n".join(found)


def test_no_stylesheet_loads_anything_from_another_origin(built_site):
    sheets = sorted(built_site.rglob("*.css"))
    assert any(s.name == "a11y.css" for s in sheets) and len(sheets) >= 3, sheets
    found = [
        f"{s.relative_to(built_site)}: url({u})" for s in sheets for u in css_offsite(s.read_text(encoding="utf-8"))
    ]
    assert found == [], "\n".join(found)


PLANTED_PAGE = """<!doctype html><html><head>
<link rel="canonical" href="https://example.org/page/">
<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">
<link rel="preconnect" href="//cdn.example.net">
<link rel="icon" href="favicon.png">
<script src="https://www.googletagmanager.com/gtag/js"></script>
<script src="assets/ok.js"></script>
<style>body { background: url('https://tracker.example/pixel.gif') }</style>
</head><body>
<a href="https://www.ecfr.gov/">a plain link is fine</a>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">
<img srcset="small.png 1x, HTTPS://img.example/big.png 2x" alt="">
<iframe src="http://video.example/embed"></iframe>
<div style="background-image:url(//beacon.example/b.png)"></div>
<svg><path d="M0 0"/></svg>
</body></html>"""


def test_the_html_check_flags_planted_third_party_loads():
    assert html_offsite(PLANTED_PAGE) == [
        "<link href=https://fonts.googleapis.com/css?family=Roboto>",
        "<link href=//cdn.example.net>",
        "<script src=https://www.googletagmanager.com/gtag/js>",
        "<style> url(https://tracker.example/pixel.gif)",
        "<img srcset=HTTPS://img.example/big.png>",
        "<iframe src=http://video.example/embed>",
        "<div style=...url(//beacon.example/b.png)>",
    ]


def test_the_css_check_flags_planted_third_party_loads():
    css = """@import "https://fonts.example/a.css";
    @import url(local.css);
    @font-face { src: url( "https://fonts.gstatic.com/x.woff2" ) }
    .a { background: url(data:image/svg+xml;charset=utf-8,<svg xmlns='http://www.w3.org/2000/svg'/>) }
    .b { mask-image: url("data:image/svg+xml;charset=utf-8,<svg xmlns='http://www.w3.org/2000/svg'/>") }
    .c { background: url(//cdn.example/i.png) }"""
    assert sorted(css_offsite(css)) == [
        "//cdn.example/i.png",
        "https://fonts.example/a.css",
        "https://fonts.gstatic.com/x.woff2",
    ]


# --- (c) every page: a same-origin policy and no referrer ------------------------------------------

KEYWORDS = {"'self'", "'none'", "'unsafe-inline'", "'wasm-unsafe-eval'"}
HASH = re.compile(r"^'sha(256|384|512)-[A-Za-z0-9+/]+={0,2}'$")
SCHEMES = {"data:", "blob:"}  # not origins: data the page itself holds
# Elements that load something as the page is read: the policy must come before them to govern
# them. Not <link rel=icon>: Material writes it in the same block as the policy, before it, and the
# browser asks for the icon only once the page is read (and the check above keeps it on the site).
LOADERS = {"script", "link", "style", "img", "iframe", "object", "embed", "audio", "video", "source"}
NOT_READ_NOW = LINK_NOT_FETCHED | {"icon", "shortcut", "apple-touch-icon"}


class _HeadReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.policies: list[str] = []
        self.referrers: list[str] = []
        self.loader_before_policy: str | None = None

    def handle_starttag(self, tag, attrs):
        values = {k: v or "" for k, v in attrs}
        if tag == "meta" and values.get("http-equiv", "").lower() == "content-security-policy":
            self.policies.append(values.get("content", ""))
        elif tag == "meta" and values.get("name", "").lower() == "referrer":
            self.referrers.append(values.get("content", ""))
        elif tag in LOADERS and not self.policies and self.loader_before_policy is None:
            rels = set(values.get("rel", "").lower().split())
            if not (tag == "link" and rels and rels <= NOT_READ_NOW):
                self.loader_before_policy = tag


def policy_problems(html: str, wasm: bool) -> list[str]:
    """What is wrong with the page's privacy headers: [] when nothing is."""
    reader = _HeadReader()
    reader.feed(html)
    reader.close()
    problems = []
    if reader.referrers != ["no-referrer"]:
        problems.append(f'expected one <meta name="referrer" content="no-referrer">, found {reader.referrers}')
    if len(reader.policies) != 1:
        return [*problems, f"expected one Content-Security-Policy meta tag, found {len(reader.policies)}"]
    if reader.loader_before_policy:
        problems.append(f"a <{reader.loader_before_policy}> comes before the policy, which cannot govern it")
    directives = {}
    for part in reader.policies[0].split(";"):
        if part.strip():
            name, *sources = part.split()
            if name.lower() in directives:  # the browser keeps the first and ignores this one
                problems.append(f"{name} is given twice")
            directives.setdefault(name.lower(), sources)
    if directives.get("default-src") != ["'self'"]:
        problems.append(f"default-src is {directives.get('default-src')}, not 'self' alone")
    for name, sources in directives.items():
        for source in sources:
            if not (source in KEYWORDS or source.lower() in SCHEMES or HASH.match(source)):
                problems.append(f"{name} allows {source}: another origin (only the site's own is allowed)")
    has_wasm = any("'wasm-unsafe-eval'" in sources for sources in directives.values())
    if has_wasm != wasm:
        problems.append("'wasm-unsafe-eval' " + ("is missing" if wasm else "is allowed on a page that runs no engine"))
    return problems


def test_every_page_has_a_same_origin_policy_and_sends_no_referrer(built_site):
    found = []
    for page in html_files(built_site):
        rel = page.relative_to(built_site).as_posix()
        wasm = rel in ("self-audit/index.html", "es/self-audit/index.html")  # the engine's page, each language
        found += [f"{rel}: {p}" for p in policy_problems(page.read_text(encoding="utf-8"), wasm)]
    assert found == [], "\n".join(found)


GOOD_POLICY = (
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; script-src 'self' 'sha256-AbC+/9='"
)
WASM_POLICY = GOOD_POLICY + " 'wasm-unsafe-eval'"


def page_with(policy: str | None, referrer: str | None = "no-referrer", first: str = "") -> str:
    head = '<link rel="icon" href="i.png"><link rel="canonical" href="https://example.org/">' + first
    if policy is not None:
        head += f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    if referrer is not None:
        head += f'<meta name="referrer" content="{referrer}">'
    return f"<!doctype html><html><head>{head}</head><body></body></html>"


@pytest.mark.parametrize(
    "html, wasm, expected",
    [
        (page_with(GOOD_POLICY), False, None),
        (page_with(WASM_POLICY), True, None),
        (page_with(None), False, "found 0"),
        (page_with(GOOD_POLICY, referrer=None), False, "no-referrer"),
        (page_with(GOOD_POLICY, referrer="origin"), False, "no-referrer"),
        (page_with(GOOD_POLICY, first='<script src="a.js"></script>'), False, "a <script> comes before"),
        (page_with(GOOD_POLICY, first='<link rel="stylesheet" href="a.css">'), False, "a <link> comes before"),
        (page_with("default-src 'self' https://cdn.example"), False, "default-src is"),
        (page_with("default-src *"), False, "default-src is"),
        (page_with(GOOD_POLICY + "; connect-src 'self' https://api.example"), False, "connect-src allows https://api"),
        (page_with(GOOD_POLICY + "; font-src https:"), False, "font-src allows https:"),
        (page_with(GOOD_POLICY.replace("img-src 'self'", "img-src *.example.com")), False, "img-src allows *.example"),
        (page_with(GOOD_POLICY + "; img-src 'self'"), False, "img-src is given twice"),
        (page_with(WASM_POLICY), False, "page that runs no engine"),
        (page_with(GOOD_POLICY), True, "is missing"),
    ],
    ids=[
        "good",
        "good-wasm",
        "no-policy",
        "no-referrer",
        "wrong-referrer",
        "late-policy",
        "late-policy-css",
        "cdn",
        "wildcard",
        "api-origin",
        "any-https",
        "wildcard-host",
        "twice",
        "wasm-elsewhere",
        "wasm-missing",
    ],
)
def test_the_policy_check_flags_planted_problems(html, wasm, expected):
    problems = policy_problems(html, wasm)
    if expected is None:
        assert problems == []
    else:
        assert any(expected in p for p in problems), problems
