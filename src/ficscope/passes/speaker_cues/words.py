"""The word lists and patterns the cues read: pronouns, reply and speech verbs, kin words,
openers of calls and clauses, verbs of arriving, attending and acting."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from ficscope.lexicon import FEMALE_PRONOUNS, MALE_PRONOUNS, NEO_PRONOUNS, PLURAL_PRONOUNS

_READER_BLANK = re.compile(r"[YyFf]/[Nn]")  # "Y/N", "F/N": where a reader-insert leaves a name

SUBJECT_PRONOUNS = {"he": "m", "she": "f", "they": "p", "i": "1", "we": "p"} | {
    w: g for w, g in NEO_PRONOUNS.items() if w in ("xe", "ze", "ey")
}
PRONOUN_GENDER = (
    {w: "m" for w in MALE_PRONOUNS}
    | {w: "f" for w in FEMALE_PRONOUNS}
    | {w: "p" for w in PLURAL_PRONOUNS}
    | dict(NEO_PRONOUNS)
    | {w: "1" for w in ("i", "me", "my", "myself")}
)
POSSESSIVE_PRONOUNS = {
    "his": "m",
    "her": "f",
    "their": "p",
    "my": "1",
    "xyr": "xe/xem",
    "zir": "ze/zir",
    "eir": "ey/em",
}
# Tag verbs that answer someone else: the line before was another speaker's.
REPLY_VERBS = frozenset(
    "answered answers replied replies responded responds retorted retorts countered counters "
    "rejoined returned agreed disagreed objected protested admitted conceded".split()
)
# A kinship word a child uses as a name, and the noun the narration uses for that person.
KIN_VOCATIVES = {
    **dict.fromkeys("father papa dad daddy pa pop".split(), "father"),
    **dict.fromkeys("mother mamma mama mum mom mommy mummy ma".split(), "mother"),
    **{w: w for w in "uncle aunt grandfather grandmother brother sister".split()},
    "auntie": "aunt",
    "grandpa": "grandfather",
    "granny": "grandmother",
    "grandma": "grandmother",
}
# The kinship words a child calls a parent or grandparent by ("Dad", "Mama", "Grandma")
PARENT_CALLS = frozenset(
    w
    for w, noun in KIN_VOCATIVES.items()
    if noun in ("father", "mother", "grandfather", "grandmother")
)


_ADVERB_LIKE = frozenset(
    "then again softly quietly finally slowly quickly simply just still only also now suddenly "
    "gently coldly calmly firmly sharply dryly flatly brightly darkly sadly".split()
)
_AUXILIARIES = frozenset(
    "was were had has did does could would should might must can will is are wasn't weren't "
    "hadn't didn't couldn't wouldn't shouldn't can't won't isn't aren't".split()
)
_PREPOSITIONS = frozenset(
    "to from into at in on with by for of about over under behind beside toward towards upon "
    "across through around after before between against without like near".split()
)
# Verbs of turning to or looking at someone, with the preposition that leads to them ("glanced
# at Sakura", "turned to him", "settled on the witcher", "leaned toward Delenn"); some take their
# person bare ("studying Yuji", "eyed the stranger", "faced Tomas").
_ATTENDING = re.compile(
    r"(?:look|glanc|star|glar|peer|gaz|turn|nodd?|smil|grinn?|frown|wink|settl|eye|stud(?:y|i)"
    r"|fac|address|lean)(?:s|es|ed|d|ing)?$"
)
_ATTENDING_BARE = re.compile(r"(?:eye|stud(?:y|i)|fac|address)(?:s|es|ed|d|ing)?$")
_ATTENDING_TO = frozenset({"at", "to", "toward", "towards", "on", "upon"})
# "looks right at me", "turned straight to Sakura": a word between the verb and its "at"
_STRAIGHT = frozenset({"right", "straight", "directly", "squarely"})
# Verbs of giving, whose first object is the one given to, the one a line after is said to:
# "She hands the Doctor a sandwich. "Eat something."".
GIVING = frozenset("hands handed passes passed gives gave offers offered tosses tossed".split())


@cache
def _attending(word: str) -> int:
    """2 for a verb of attending that takes its person bare ("studying", "handed"), 1 for one
    that takes a preposition ("glanced"), 0 for any other word."""
    if word in GIVING or word in _FACING or _ATTENDING_BARE.match(word):
        return 2
    return 1 if _ATTENDING.match(word) else 0


# Sitting or standing facing someone: "Williams sat down across from me", "opposite Tomas"
# (acc24-r21a); "across" takes its person after "from"
_FACING = frozenset({"across", "opposite"})


_CALL_OPENERS = frozenset({"and", "but", "so"})  # "And Percy?": a call after a conjunction
# Calls written without their comma, as hasty writers do: a name closing its sentence after a
# greeting, an interjection or a word that ends a command ("Oi Zoro.", "Go home Stiles",
# "Sit down Lance!"), or opening one before a word that cannot follow a subject there ("Keith
# you idiot", "Sam what happened", "Nami can we go?": ``names.BARE_CALL_BEFORE``,
# ``names.BARE_CALL_POINTING`` and the two below).
_BARE_CALL_AFTER = frozenset(
    "oi hi hello yo thanks morning night bye sorry please okay ok yes yeah yep no nope sure "
    "now already too again here there anyway up down out home away me us".split()
)
_BARE_CALL_ASKING = frozenset("can could will would do did are should".split())
_BARE_CALL_ASKED = frozenset({"you", "we", "i"})
_CLAUSE_OPENERS = frozenset(
    # "until": "Hilda went from stall to stall until an old woman waved her over" (acc24-r21a)
    {",", ";", ":", "and", "but", "then", "so", "as", "while", "when", "until", "till", "—", "–"}
)
_SENTENCE_END = frozenset({".", "!", "?", "…", "...", ";"})
_MEANWHILE = frozenset({"while", "whilst"})
# Verbs of someone arriving where the hearers are: "Damon slid into the booth next to her".
_ARRIVING = frozenset(
    "slid slides dropped drops appeared appears stepped steps strolled strolls sauntered "
    "saunters emerged emerges swept sweeps plopped plops flopped flops popped pops".split()
)
# A surname written with a lower-case particle and an apostrophe: "al'Thor", "d'Artagnan"
_PARTICLE_NAME = re.compile(r"[a-z]{1,3}['’][A-Z][a-z]")
_PARTICLE_CALL_ENDS = frozenset({",", ".", "!", "?"})
_OBJECTS = frozenset({"him", "her", "them", "me"})
_THING_OPENERS = frozenset({"the", "a", "an", "something"})  # "The wrench caught him"
# "X waited until Y came in": Y acts last, and X is the one found (speakers ``_found_by``)
UNTIL = frozenset({"when", "until", "till"})
# A plural subject opening a sentence whose later clause names one of the group acting
_GROUP_SUBJECTS = frozenset({"we", "they"})
# subject pronouns after a place phrase opening the sentence: "From the other room he could hear"
_FRONTED_PRONOUNS = frozenset({"he", "she", "i", "we", "they"})
# Verbs of being somewhere, which a place phrase can put before their subject ("In the corner sat
# Elizabeth"): the past and the present
_BEING_SOMEWHERE = frozenset(
    "sat stood lay leaned lounged waited perched crouched knelt was sits stands lies leans "
    "lounges waits perches crouches kneels".split()
)
_ACTOR_GAP = 3  # narration paragraphs after which an untagged line leans to the last subject
_OPEN_ENDS = (",", "—", "–", "-", "…", "...")
_INTRO_ENDS = frozenset({",", ":", "—", "–", "-"})
# Nouns for what someone says: their owner in the sentence before a line is its speaker.
_VOICE_NOUNS = frozenset(
    "voice protest protests words whisper plea reply answer question tone command order "
    "response retort demand".split()
)
# Irregular verbs of a voice that _verb_like misses: "a voice came from the hall".
_VOICE_VERBS = frozenset("came rang rose cut broke drifted carried sang".split())
# A call that comes from somewhere: '"Sail ho!" came the hail from the masthead'.
_CALL_VERBS = frozenset("came comes".split())
_CALL_NOUNS = frozenset("voice voices hail cry shout call yell answer reply".split())
_TAG_REACH = 6  # tokens after a quotation in which its tag's subject may start
# Speech verbs that as often act on a thing: with an object after them they are no tag.
_ACTION_VERBS = frozenset(
    "pressed presses shot shoots fired fires threw throws bit bites read reads ground grinds "
    "managed manages finished finishes offered offers returned returns supplied supplies "
    "prodded prods trailed trails echoed echoes sang sings hummed hums breathed breathes spat "
    "spits choked chokes gritted crooned croons mouthed mouths began begins continued "
    "continues added adds ordered orders".split()
)
# Verbs of thinking that tag a quoted thought right after it, as a speech verb tags a line
# ('"I guess he wouldn't want to stay long," thought Ragged Dick', '"Liar," she thought'): read
# only in the tag after a quotation, never as the verb of a narration sentence ("He thought that
# she was right" reports nobody's turn).
_THOUGHT_TAGS = frozenset("thought thinks reflected reflects".split())
# Two-word speech verbs: '"...," went on Sir Henry', '"Forty years!" Griffin put in.'
_PHRASAL_SPEECH = frozenset(
    (verb, particle)
    for verbs, particle in (
        ("went goes go", "on"),
        ("broke breaks put puts cut cuts chimed chimes struck strikes", "in"),
        ("spoke speaks piped pipes", "up"),
        ("wound winds", "up"),
        ("broke breaks", "off"),
    )
    for verb in verbs.split()
)
# Words after a speech verb that report what was said ("mumbled that ...", "asked whether ...").
_REPORTED = frozenset("that whether if how what why when where who".split())
# What, right after a speech verb, is all that was said: "I say yes.", "Pan said nothing."
_SAID_WHOLE = frozenset("yes no nothing".split())
# Speech verbs taking the one told and then what: "I tell her not to go", "I asked him why"
_TELLING = frozenset(
    "tell tells told ask asks asked promise promises promised warn warns warned".split()
)
# The one told, after a speech verb ("I tell her not to go", "I asked him what he meant")
_TOLD_PRONOUNS = frozenset("us you".split())
# Opening a clause of what was told: "I tell her I'm never too busy for her"
_CLAUSE_SUBJECTS = frozenset(
    "i i'm i’m i'd i’d i'll i’ll he she it we they you he's she's it's we're they're".split()
)
# Words before a name that make it the speaker's own ("My name is Sakura", "I'm Naruto").
_OWN_NAME_LEADS = ("name is", "i am", "i'm", "call me", "name's")
# ("who are you talking to?" asks for someone else: acc24-r21a)
_ASKS_A_NAME = re.compile(
    r"\b(?:what(?:'s| is) your name|who are you(?!\s+\w+ing\b)|and you are|your name)\b[^.!]*\?"
)
# Devices people talk through at a distance: "Her phone buzzed", "she said into the receiver",
# "The comm went dead" (``speakers.phones``, ``addressees.call_ends``)
DEVICES = frozenset(
    "phone cellphone mobile radio comm comms comlink communicator walkie receiver handset "
    "headset earpiece intercom mic speakerphone".split()
)
# A phone answered in the narration just before a line: '"Beckett."' is her own name then
_ANSWERS_A_PHONE = re.compile(
    r"\b(?:picked up|picks up|answered|answers|rang|rings|ringing|buzzed|buzzes|on the \w+ ring)\b"
)
# Touching what one talks through, just before a line: "Sheridan tapped his link.", "She keyed
# her radio." ('"Sheridan. Go ahead."' is his own name then, said to the one on the line)
_KEYS_A_DEVICE = re.compile(
    r"\b(?:tapped|taps|touched|touches|pressed|presses|keyed|keys|thumbed|thumbs|clicked|clicks"
    r"|activated|activates|flicked|flicks) (?:on )?(?:his|her|their|the|my) (?:\w+ )?\w+"
)
# Someone the story does not name, and not anyone named before, speaking a line.
_SOMEONE = frozenset("someone somebody another one".split())
# The words that open a subject no reference covers: a pronoun, "the" of "the latter", "the
# soldiers" or "the tallest of them", "one of the guards", "someone".
_OPENS_A_SUBJECT = frozenset({"the", *_SOMEONE, *SUBJECT_PRONOUNS, *POSSESSIVE_PRONOUNS})
# What follows "the one" picking a person out: "the one at the front", "the one with the scar".
_PICKING = frozenset("at in on with by near who nearest closest behind from".split())
_DETERMINERS = frozenset("the a an his her its their my our your this that these those".split())
# Words of a letter's closing formula: "Your friend,", "Yours truly,", "Love,"
_CLOSINGS = frozenset(
    "yours friend sincerely truly faithfully love regards affectionately respectfully "
    "obedient servant cordially".split()
)
# Relative pronouns opening a clause about the noun before: "the ladies whose departure ...".
_RELATIVES = frozenset({"who", "whose", "that", "which"})
# Words picking one out of a group: "the tallest of them", "the elder of the two".
_PICKS = frozenset(
    "first second third last other elder older younger taller shorter bigger smaller".split()
)
_NUMBERS = frozenset("two three four five six seven eight nine ten few".split())


def _in_range(indices: list[int], start: int, end: int) -> list[int]:
    """The ones of the sorted token ``indices`` from ``start`` up to (not including) ``end``."""
    return indices[bisect_left(indices, start) : bisect_left(indices, end)]


# What "from" opens when a tag says where a line comes from ("from behind the stall")
_FROM_PLACES = frozenset(
    "the behind across upstairs downstairs inside outside below above over down up out beyond "
    "somewhere far".split()
)
_DASH_OPENS = re.compile(r"\s*(?:—|–|--)")
_DASH_ENDS = re.compile(r"(?:—|–|--|-)\s*$")


def _base_form(verb: str) -> str:
    """The base form of a present-tense "-s" verb: "mumbles" -> "mumble", "hisses" -> "hiss",
    "cries" -> "cry" (what "I", "you", "we" and singular "they" take: '"...," you chirp')."""
    if verb.endswith("ies"):
        return verb[:-3] + "y"
    if verb.endswith(("sses", "shes", "ches", "xes", "zes")):
        return verb[:-2]
    return verb[:-1]


# Words that open someone new in an inverted tag: '"...," said a woman', '"...," cried another
# female'.
_INDEFINITES = frozenset("a an another one".split())
# Words that end the description of someone an inverted tag introduces.
_NOT_IN_DESCRIPTION = (
    _PREPOSITIONS | _CLAUSE_OPENERS | frozenset("who whom whose that which holding wearing".split())
)
_SPOKE = frozenset("spoke speaks".split())  # speaking with nothing said: "Mrs. Griffin spoke."


_PERCEPTION = frozenset("heard hears hear overheard overhears saw sees watched watches".split())
# Words saying that something is heard before anyone is seen: '"the gym was already loud",
# "the sound of someone trying very hard to whisper"': the lines after are the heard ones'.
_HEARD_FIRST = frozenset(
    "heard hear hears sound sounds noise noises loud louder voice voices shout shouts shouting "
    "yelling yell whisper whispering crash bang racket commotion din clamour clamor argument "
    "arguing bickering muffled laughter bangs banged slams slammed".split()
)
_OBJECT_GENDER = {"him": "m", "her": "f", "them": "p", "me": "1"}
_BARE_SPEECH = frozenset(
    "say tell ask speak whisper mutter murmur shout yell call cry answer reply explain insist "
    "saying telling asking speaking whispering muttering murmuring shouting yelling calling".split()
)
