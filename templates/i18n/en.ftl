# Page chrome in English. Every message here must exist in fr.ftl and ar.ftl too (checked at build).
skip-to-content = Skip to content
nav-label = Main
nav-home = Home
nav-topics = Topics
nav-actors = Actors
nav-places = Places
nav-sources = Sources
language-switcher-label = Language
latest-briefings = Latest briefings
# The root page's invitation to read the portal in this file's language: a whole sentence per
# language, never a prefix joined to the language's name (Arabic joins its preposition: بالعربية).
choose-language = Read Marsad in English
label-date = Date
label-source = Source
label-updated = Updated
corrections-heading = Corrections
source-original = original article
label-language = Language
undated = Undated
translations-heading = Also available in
briefing-count = { $count ->
    [one] { $count } briefing
   *[other] { $count } briefings
}
pagination-label = Pages
page-of = Page { $current } of { $total }
newer = Newer
older = Older
term-names = Names
briefings-heading = Briefings
not-found-title = Page not found
not-found-body = The page you asked for does not exist, or has moved.
go-home = Go to the home page
search-heading = Search
search-label = Search the briefings
search-button = Search
search-no-results = No briefing matches your search.
search-noscript = Search needs JavaScript. You can browse the briefings by topic, actor or place instead:
nav-archive = Archive
archive-years-label = Years
archive-no-month = Month not given
related-briefings = Related briefings
timeline-heading = Briefings per year
timeline-year = Year
timeline-undated = { $count ->
    [one] One briefing has no date and is not drawn.
   *[other] { $count } briefings have no date and are not drawn.
}
search-stale = The portal has just been updated: reload this page to search it.
search-matched = Matched:
search-kind-topic = topic
search-kind-actor = actor
search-kind-place = place
search-more = More results
search-filters = Filter the results
appears-with = Appears with
shared-briefings = { $count ->
    [one] { $count } briefing together
   *[other] { $count } briefings together
}
relations-actors = Who appears with whom
relations-intro = Actors who appear in the same briefings, counted across every language. The matrix shows the most present actors; the table lists the strongest pairs.
relations-matrix = { $count ->
    [one] The most present actor: the number in each cell is how many briefings two actors share.
   *[other] The { $count } most present actors: the number in each cell is how many briefings the two share.
}
relations-pairs = Strongest pairs
relations-first = Actor
relations-second = Appears with
relations-none = No two actors share a briefing yet.
map-heading = Where the briefings are
map-list = { $count ->
    [one] { $count } place
   *[other] { $count } places
}
map-undrawn = { $count ->
    [one] { $count } more place is not on the map.
   *[other] { $count } more places are not on the map.
}
map-all = All places
map-own-undrawn = This place is not on the map: the registry gives no coordinates for it.
map-region = (region)
scheduled-badge = Scheduled
scheduled-note = Scheduled: this briefing goes out on { $date }. Until then a build leaves it out.
translation-outdated = The original of this translation has been updated since it was made.
translation-outdated-link = Read the original ({ $language })
