"""The team's test pages, what each must give, and what a reader sees of an HTML range."""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from pathlib import Path

from newsdigest.ingest._markup import PageText
from newsdigest.ingest.html import HtmlSourceMap, decode_html_bytes
from newsdigest.model import Article, Span

PAGES = Path(__file__).resolve().parents[1] / "pages"


# A tag, comment or declaration: "<" then a letter, "/", "!" or "?" (a bare "<" is text).
_TAG = re.compile(r"<!--.*?(?:-->|\Z)|<[/!?]?[A-Za-z][^>]*>|<[!?/][^>]*>", re.DOTALL)


# Tags that a browser shows as a break between words: blocks, cells, line breaks.
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|li|ul|ol|td|th|tr|table|h[1-6]|blockquote|section|article|main|header"
    r"|footer|nav|aside|figure|figcaption)\b[^>]*>",
    re.IGNORECASE,
)


# Elements whose content is never shown.
_RAW = re.compile(r"<(script|style|textarea|title)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.I | re.S)


def visible(fragment: str) -> str:
    """What a reader sees of an HTML range: scripts and styles dropped, tags stripped (a
    block or cell boundary is a space), entities decoded, white space collapsed."""
    shown = _TAG.sub("", _BLOCK_TAG.sub(" ", _RAW.sub("", fragment)))
    return " ".join(html_lib.unescape(shown).split())


def read_page(name: str) -> str:
    return decode_html_bytes((PAGES / name).read_bytes())[0]


def runs_map_back(page: PageText) -> bool:
    """Every run of the page text is the HTML it came from, copied or decoded."""
    for start, length, source, end, verbatim in zip(
        page.starts, page.lengths, page.sources, page.source_ends, page.verbatim, strict=True
    ):
        text = page.text[start : start + length]
        raw = page.html[source:end]
        if (raw if verbatim else html_lib.unescape(raw)) != text:
            return False
    return True


def words_map_back(article: Article, page: str) -> bool:
    """Every word of an article read from ``page`` maps to a range that shows that word."""
    assert isinstance(article.source_map, HtmlSourceMap)
    for match in re.finditer(r"\S+", article.text):
        target = article.source_map(Span(match.start(), match.end()))
        if target is None or visible(page[target.start : target.end]) != match.group():
            return False
    return True


@dataclass(frozen=True)
class Expected:
    title: str
    published: str | None
    authors: tuple[str, ...]
    site_name: str | None
    paragraphs: tuple[str, ...]
    boilerplate: tuple[str, ...]
    url: str | None = None


FERRY = Expected(
    title="Harbour ferry to run through winter after council vote",
    published="2026-02-03",
    authors=("Dana Whitfield",),
    site_name="The Millbrook Courier",
    paragraphs=(
        "The Millbrook harbour ferry will keep running through the winter after the town council "
        "voted 7 to 2 on Monday to cover the crossing’s fuel costs until the end of March.",
        "The ferry, which carries about 400 passengers a day between the old quay and Gull Island, "
        "was due to stop on 15 February because its operator, Bayline Crossings, said the service "
        "was losing money in the cold months.",
        "“People on the island rely on this boat to get to work, to school and to the doctor,” "
        "said councillor Priya Ramanathan, who proposed the funding. “Stopping it in February was "
        "never a real option.”",
        "The subsidy will cost the town £84,000, taken from a reserve set aside for coastal works. "
        "Two councillors voted against, arguing that the money should go towards repairing the sea "
        "wall at Fisher's Point.",
        "Bayline Crossings said in a statement that it welcomed the decision and would publish a "
        "revised timetable next week. The company’s managing director, Tom Adeyemi, said "
        "ridership had grown by a fifth since 2024.",
        "The council will review the arrangement in April, when it sets the budget for the next "
        "financial year.",
    ),
    boilerplate=(
        "cookies",
        "Sport",
        "Advertisement",
        "Hartley Furniture",
        "Kestrel Broadband",
        "Share this story",
        "Facebook",
        "Related stories",
        "Sea wall repairs delayed",
        "harbourwatcher",
        "About time",
        "rights reserved",
        "Privacy policy",
        "By Dana Whitfield",
    ),
)
BUSES = Expected(
    title="Night buses return to the ring road",
    published="2025-10-08",
    authors=("Marcus Ilori", "Hannah Sowerby"),
    site_name="Eastvale Post",
    paragraphs=(
        "Night buses will run on the Eastvale ring road again from Friday, three years after the "
        "route was cut to save money, the regional transport authority said.",
        "The N4 service will leave the central station every 30 minutes between midnight and "
        "5 a.m., stopping at the hospital, the university campus and the industrial estate at "
        "Colby Marsh.",
        "Shift workers at the hospital had campaigned for the route since it was withdrawn. "
        '"For three years I have paid for a taxi twice a week," said Ellen Marsh, a nurse on the '
        "night ward.",
        "The authority said the service would be paid for by a new levy on car parks in the city "
        "centre, which was approved in the summer.",
    ),
    boilerplate=("Home", "Transport", "Mill Lane", "newsroom", "@context"),
)
LIBRARY = Expected(
    title="Library opening hours extended for exam season",
    published="2025-11-19",
    authors=(),
    site_name=None,
    paragraphs=(
        "Northfield central library will stay open until 10 p.m. on weekdays from next Monday "
        "until the end of January, the county council announced on Wednesday.",
        "The longer hours are meant for students revising for winter exams, many of whom have no "
        "quiet place to study at home, said Aled Price, who runs the library service.",
        "The change will be paid for from the council's youth budget and will need six extra "
        "staff, who will be recruited from a pool of part-time workers.",
        "Last year the library opened late for two weeks as a trial, and more than 3,000 visits "
        "were recorded in the extra hours.",
    ),
    boilerplate=("Northfield Weekly", "Events", "newsletter", "Published"),
)
POOL = Expected(
    title="Swimming pool to reopen after roof repairs",
    published="2025-09-30",
    authors=(),
    site_name="example.org",
    url="https://www.example.org/news/2025/09/30/pool-to-reopen/",
    paragraphs=(
        "The Riverside leisure centre pool will reopen to the public on Saturday after eight "
        "months of repairs to its roof, the centre's operator said.",
        "Engineers found corrosion in the steel frame of the roof during a routine inspection "
        "last winter, and the pool was closed as a precaution while the beams were replaced.",
        "Swimming clubs that moved their training to a school pool in Hadley will return next "
        "week. Season tickets bought before the closure will be extended by eight months.",
        "The repairs cost 1.2 million pounds, most of it paid by the operator's insurer, "
        "according to a report to the borough council.",
    ),
    boilerplate=("Home", "Leisure", "Copyright", "Riverside Gazette"),
)
ORCHID = Expected(
    title="Rare orchid found on railway embankment",
    published="2025-05-27",
    authors=("Joanna Pell",),
    site_name="Wealdshire Chronicle",
    paragraphs=(
        "A colony of lizard orchids, one of the rarest wild flowers in the country, has been "
        "found growing on a railway embankment near Ashcombe station.",
        "The plants were spotted by a commuter, Femi Okafor, who photographed them while waiting "
        "for a delayed train and sent the pictures to the county wildlife trust.",
        "Botanists from the trust counted 23 flowering spikes. The orchid, which smells faintly "
        "of goats, is found at fewer than 30 sites nationally.",
        "Network Rail said it would change its mowing schedule for the embankment so that the "
        "plants can set seed before the grass is cut in late summer.",
    ),
    boilerplate=(
        "The orchids were spotted by a passenger",
        "Photo:",
        "Wealdshire Wildlife Trust",
        "from the station footbridge",
        "Picture by",
        "Sam Tolley",
        "Nature",
    ),
)
STORM = Expected(
    title="Live: storm Ottoline brings floods to the coast",
    published="2026-01-14",
    authors=("Live desk",),
    site_name="Coastline News",
    paragraphs=(
        "Key points: flood warnings on the east coast; ferries cancelled; schools shut in "
        "Porthaven.",
        "Ferries cancelled for the rest of the day",
        "All sailings from Porthaven harbour have been cancelled until Thursday morning, the "
        "ferry operator said, as waves of up to six metres were recorded off the headland.",
        "Schools closed in Porthaven",
        "Eleven schools in Porthaven will stay closed today because of flooding on the roads "
        "into town, the county council said. Parents were told by text message shortly after "
        "7 a.m.",
        "Flood warnings issued",
        "The environment agency has issued severe flood warnings for four stretches of the east "
        "coast, meaning there is a danger to life. Residents of the seafront in Porthaven have "
        "been told to move to higher floors.",
    ),
    boilerplate=("Share this post", "Terms and conditions", "Weather"),
)
CAFE_PARAGRAPHS = (
    "Owners of the cafés on Lakeside Promenade have started a petition against a plan to build "
    "a relief road behind their terraces, which they say would “destroy the quiet” that draws "
    "visitors.",
    "The petition, started by José Ferreira of the Café Mira, had more than 1,800 signatures by "
    "Tuesday evening – almost a third of the town’s adult population.",
    "“We are not against progress,” Mr Ferreira said. “We are against a lorry route twenty "
    "metres from where people eat their lunch.”",
    "The county’s highways department said the road would take 4,000 vehicles a day out of the "
    "town centre and that a public consultation would open in September. The scheme is "
    "budgeted at £12.5 million.",
)
CAFE = Expected(
    title="Café owners fight plan for new road",
    published="2024-08-21",
    authors=("Renée Caron",),
    site_name=None,
    paragraphs=CAFE_PARAGRAPHS,
    boilerplate=("Accueil", "Lakeland Echo"),
)


# Pages laid out as the common publishing systems lay them out (our own stories), each with
# a class or id that names captions or credits on a container of the whole article.
ALLOTMENTS = Expected(
    title="Allotment waiting list closes after record demand",
    published="2025-06-12",
    authors=("Gwen Latimer",),
    site_name="The Hollowbrook Herald",
    paragraphs=(
        "Hollowbrook town council has closed the waiting list for its allotments after the "
        "number of people hoping for a plot passed 600 for the first time, more than the town "
        "can offer in the next ten years.",
        "The council manages 214 plots on three sites, at Mill Road, Ferris Lane and behind the "
        "old cattle market. Fewer than 20 become free in a typical year, most of them when "
        "tenants move away.",
        "“We would rather be honest with people than keep taking names we cannot help,” said "
        "Ruth Okonjo, who chairs the council’s environment committee. “Nobody should wait a "
        "decade for a patch of ground.”",
        "The committee will look at splitting larger plots in half, and at a fourth site on land "
        "the council owns beside the recycling centre. A report is due in September.",
        "The list will reopen once the expected wait falls below three years, the council said.",
    ),
    boilerplate=(
        "Skip to content",
        "Plot holders at the Mill Road site",
        "raised beds near the pavilion",
        "Share this",
        "Library roof repairs",
        "since 2019",
        "Recent Posts",
        "Proudly powered",
        "Posted on",
    ),
)
VIADUCT = Expected(
    title="Bridge inspection finds cracks in Wexcombe viaduct",
    published="2025-03-04",
    authors=("Tomasz Wren",),
    site_name="Wexcombe Valley News",
    paragraphs=(
        "Engineers have found cracks in two of the stone piers that carry the Wexcombe viaduct, "
        "and trains will cross it at walking pace until repairs are finished, the rail operator "
        "said on Tuesday.",
        "The cracks were spotted during a routine inspection last week. Divers checked the "
        "foundations of the piers in the river Wex and found no damage below the water line.",
        "Services between Wexcombe and Larkhill will take about ten minutes longer than usual. "
        "The operator said it expected the speed limit to stay in place until at least the end "
        "of April.",
        "“The viaduct is safe to use, but it is 160 years old and we are not taking chances with "
        "it,” said Imogen Sallis, the operator’s head of structures.",
        "Local councillors have asked for a public meeting about the repairs, which will need "
        "scaffolding on both banks of the river for several weeks.",
    ),
    boilerplate=(
        "Skip to main content",
        "fourteen stone arches",
        "taken from the towpath",
        "Railways",
        "Contact the newsroom",
        "Powered by",
    ),
)
FARES = Expected(
    title="Ferry fares to rise by 8% from May",
    published="2025-02-18",
    authors=("Lena Marsh",),
    site_name="The Port Carrow Tribune",
    paragraphs=(
        "Fares on the Port Carrow to Inchmore ferry will rise by 8 per cent from 1 May, the "
        "operator announced on Tuesday, blaming higher fuel and insurance costs.",
        "A return ticket for a foot passenger will go from £12.50 to £13.50. The price for a car "
        "and driver will rise to £61 each way.",
        "Islanders who hold a resident's card will pay the old fares until the end of the year, "
        "after the island council asked for the increase to be phased in.",
        "“We have held prices for two years, and we cannot do it again,” said Fergus Lyle, the "
        "operator's managing director.",
        "The operator carried 410,000 passengers last year, its busiest year since the route "
        "opened.",
    ),
    boilerplate=(
        "Subscribe",
        "first crossing of the day",
        "Cars queue at the Inchmore slipway",
        "Photo by",
        "Advertisement",
        "Copy link",
        "Harbour dredging",
        "All rights reserved",
    ),
)
TIDE_GAUGE = Expected(
    title="Tide gauge to be installed at Coldharbour quay",
    published="2025-03-09",
    authors=("Priyanka Doyle",),
    site_name="Saltmarsh Daily",
    paragraphs=(
        "A tide gauge will be installed at Coldharbour quay this spring so that residents can "
        "see how high the water is expected to rise before each spring tide, the harbour board "
        "said on Sunday.",
        "The gauge, a steel pole marked in tenths of a metre, will be linked to a sensor that "
        "sends readings to a public website every five minutes.",
        "Flooding on the quay has become more frequent since 2020, and shopkeepers have asked "
        "for earlier warnings so that they can move stock upstairs.",
        "“A text message an hour before the water arrives makes all the difference,” said "
        "Callum Reyes, who runs a chandlery on the quay.",
        "The board expects the gauge to cost about £18,000, shared with the county’s flood fund.",
    ),
    boilerplate=(
        "Environment",
        "reached the doors of the chandlery",
        "Owen Pryce",
        "mouth of the estuary",
        "Harbour board",
        "Most read",
        "Terms of use",
    ),
)
CMS_CASES = {
    "cms_wordpress.html": ALLOTMENTS,
    "cms_drupal.html": VIADUCT,
    "cms_arc.html": FARES,
    "cms_brightspot.html": TIDE_GAUGE,
}

PAGE_CASES = {
    "news_full.html": FERRY,
    "date_jsonld.html": BUSES,
    "date_time.html": LIBRARY,
    "date_url.html": POOL,
    "captions_body.html": ORCHID,
    "live_blog.html": STORM,
    "legacy_cp1252.html": CAFE,
    "wrong_charset.html": CAFE,
    **CMS_CASES,
}
