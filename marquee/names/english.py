"""English words that romanized Korean names collide with.

Several romanized syllables are also English words ("I" is a spelling of 이, "Go" of 고, "Son" of
손), and a capitalised word at the start of a sentence looks like a name. The linker uses these
lists to refuse such words as names unless the knowledge base writes them exactly, and as short
references altogether. Lowercase, normalised (``normalize``) forms.
"""

from __future__ import annotations

# Closed-class words: pronouns, determiners, auxiliaries, prepositions, conjunctions, and the
# commonest adverbs and interjections. Never a short reference to a person or character.
FUNCTION_WORDS = frozenset(
    """
    a an the this that these those there here it its i me my mine we us our ours you your yours
    he him his she her hers they them their theirs who whom whose which what when where why how
    one ones someone anyone everyone nobody each every either neither both all any some none
    no not nor yes yeah oh ok okay ah ha hi hey wow yo ye eh uh um o u e
    and or but so if then than as because while though although unless until since once
    is am are was were be been being do does did done have has had having can could may might
    must shall should will would let lets get got go goes went gone
    of in on at by to from for with about into onto upon over under up down out off near
    after before during between among against through without within via per like
    also too very just only even still yet ever never again already almost soon now
    mr mrs ms dr sir madam
    """.split()
)

# Frequent English words, as they appear capitalised in headlines and at sentence starts.
COMMON_WORDS = FUNCTION_WORDS | frozenset(
    """
    later early today tonight tomorrow yesterday now then first last next new old young little
    big small great good bad best better worse worst long short high low full half more most
    less least many much few other another same different own such well back away home
    time year years day days week weeks month night morning evening summer winter spring fall
    man men woman women boy girl boys girls son sons mother father sister brother family friend
    friends love life death world city house home school life people kid kids baby king queen
    heart mind body face hand head eye eyes hair voice name names word words story stories
    part parts way ways thing things place places end side team group show shows game games
    war peace power money work job case point fact line lines role roles cast star stars
    sun moon rain snow wind fire water sea river road street way door room car train bus
    gun guns bang song songs music dance light dark red blue black white green gold gray grey
    say said says see saw seen look looked make made take took come came give gave find found
    know knew think thought tell told feel felt leave left keep kept run ran set put bring
    begin began call called try tried ask asked need needed want wanted use used play played
    plays playing turn turned start started show showed hear heard live lived move moved
    watch watched open opened win won lose lost meet met pay paid sit sat stand stood
    read write wrote written speak spoke stay stayed fall fell hold held change changed
    many must real sure true free fine hard easy clear open close closed right wrong only
    yes well still even just because across behind beyond inside outside around along
    however meanwhile instead indeed perhaps maybe finally actually really simply even
    again always often sometimes never ever already almost enough quite rather
    season episode episodes series film films movie movies drama dramas novel book books
    director actor actress writer author critics fans audience audiences viewers readers
    netflix korea korean seoul busan south north west east
    dear happy sad sweet hot cold warm cool wild quiet silent secret hidden lost strange
    lonely lovely pretty beautiful golden silver shadow dream dreams memory memories
    sign signal mission number numbers chance choice rule rules law order
    """.split()
)


def is_function_word(word: str) -> bool:
    """True for a normalised closed-class English word ("i", "he", "you", "go", "the")."""
    return word in FUNCTION_WORDS


def is_common_word(word: str) -> bool:
    """True for a normalised frequent English word (function words included)."""
    return word in COMMON_WORDS
