"""Escalation level and threatened targets of a statement's own words, frame by frame.

Every passage is invented for this file. A row gives the speaker's words
(reported speech where `reported=True`), the speaker (whose side decides
whose act an act is), the narration around them where it matters, the
level the coding scheme assigns (section 4) and the sorted canonical
targets (section 5). The tables follow the parts the classifier composes:
who acts, the act, its tense, modality and polarity, and the frames that
turn them into a level; then targets.
"""

from __future__ import annotations

import pytest

from rhetrack.classify import classify, speaker_side
from rhetrack.gazetteer import load_gazetteer
from rhetrack.levels import LEVEL_NAMES, level_number
from rhetrack.targets import in_context, read_surroundings


def case(
    content: str,
    level: int,
    targets: tuple[str, ...] = (),
    *,
    id: str,
    speaker: str | None = None,
    org: str | None = None,
    reported: bool = False,
    narration: str = "",
    marks: tuple[pytest.MarkDecorator, ...] = (),
) -> object:
    return pytest.param(content, speaker, org, reported, narration, level, targets, id=id, marks=marks)


def known_miss(reason: str) -> tuple[pytest.MarkDecorator, ...]:
    return (pytest.mark.xfail(strict=True, reason=reason),)


HOUTHI = "Yahya Saree"
KAABI = "Akram al-Kaabi"
RYDER = "Pat Ryder"
KATZ = "Israel Katz"
QASSEM = "Naim Qassem"

# -- who acts: the speaker's side, another side, in quoted and reported speech ----------------
WHO_ACTS = [
    case("We will attack all U.S. targets in the region.", 3, ("united-states",), id="we-will"),
    case("Our fighters will storm the occupation bases.", 3, ("us-bases",), id="our-fighters", speaker=KAABI),
    case("The resistance will answer with fire.", 3, id="the-resistance-is-we", speaker=KAABI),
    case(
        "The Yemeni Armed Forces are targeting the ships of the enemy in the Red Sea.",
        4,
        ("other",),
        id="a-spokesman-s-armed-forces-are-his-side",
        speaker=HOUTHI,
    ),
    case(
        "The Yemeni Armed Forces are targeting ships in the Red Sea.",
        1,
        id="the-same-words-from-another-side-frame-an-enemy",
        speaker=RYDER,
    ),
    case(
        "said the group would continue its operations against U.S. forces.",
        4,
        ("us-forces",),
        id="a-member-s-group",
        speaker="Abu Ali al-Askari",
        reported=True,
    ),
    case(
        "U.S. forces struck facilities used by the militias in eastern Syria.",
        4,
        ("other",),
        id="an-official-s-own-forces",
        speaker=RYDER,
    ),
    case(
        "Our air force will flatten Beirut's southern suburbs.", 3, id="a-minister-s-air-force", speaker=KATZ
    ),
    case(
        "said it would strike back at the occupation forces.",
        3,
        ("us-forces",),
        id="reported-it-would-is-the-speaker-s-will",
        speaker="Kataib Hezbollah",
        reported=True,
    ),
    # A bare "responded" is a reply, not an attack; with force or at the other side, a claim.
    case(
        "Katz responded on Thursday, saying that Hezbollah would pay.",
        3,
        ("other",),
        id="responded-saying-is-a-reply",
        speaker=KATZ,
        reported=True,
    ),
    case("We responded militarily.", 4, id="responded-militarily-is-a-claim", speaker=KATZ),
    case(
        "said they had fired drones at a U.S. base in Syria.",
        4,
        ("us-bases",),
        id="reported-they-of-a-group-is-the-group",
        speaker="Kataib Hezbollah",
        reported=True,
    ),
    # A report of an attack on one's own base that names no victims frames no one (0).
    case(
        "said they had fired rockets at Ain al-Asad.",
        0,
        id="reported-they-of-a-ministry-is-no-claim",
        speaker="U.S. Department of Defense",
        reported=True,
    ),
    case(
        "said his forces would hit the enemy wherever it hides.",
        3,
        id="reported-his-forces",
        speaker=KAABI,
        reported=True,
    ),
    # A subject naming the speaker is the speaker's side, whatever else it names first.
    case(
        "Iraqi Shiite Militia Leader Qais Khazali Threatens Measures against U.S. Economic Interests",
        3,
        ("united-states",),
        id="a-headline-s-subject-names-the-speaker",
        speaker="Qais al-Khazali",
        reported=True,
    ),
    # A state's own officials are its side: Lapid and Gantz in Israel's words.
    case(
        "Yair Lapid and Benny Gantz issued a stern warning to Hezbollah.",
        2,
        ("other",),
        id="a-state-s-officials-are-its-side",
        speaker="Israel",
        reported=True,
    ),
    # A name right after an act noun is the subject of what follows, not the act's object.
    case("The operation President Trump planned was bold.", 4, id="a-name-after-an-act-noun", speaker=RYDER),
    # A description that opens the reporting sentence as the subject of its speech or intent
    # is the speaker the attribution found ("the defence minister" for Katz).
    case(
        "The defence minister vowed to retaliate against the Houthis.",
        3,
        ("other",),
        id="a-described-speaker-s-vow",
        speaker=KATZ,
        reported=True,
    ),
    case(
        "The minister issued a stern warning to the Houthis.",
        2,
        ("other",),
        id="a-described-speaker-s-warning",
        speaker=KATZ,
        reported=True,
    ),
    # So is whatever the news calls the speaker there ("the rebels" for the Houthis, "Iraqi
    # armed factions" for their umbrella group), unless a trailing attribution names another.
    case(
        "The rebels threatened to attack ships heading to Israel.",
        3,
        ("israel", "other"),
        id="the-news-s-name-for-the-speaker",
        speaker="Houthis",
        reported=True,
    ),
    case(
        "Iran-backed fighters claimed a drone attack on a US base in Syria.",
        4,
        ("us-bases",),
        id="a-collective-s-claim-in-narration",
        speaker="Islamic Resistance in Iraq",
        reported=True,
    ),
    case(
        "Iraqi armed factions claimed a drone attack on a US base in Syria.",
        4,
        ("us-bases",),
        id="a-collective-named-as-a-target",
        speaker="Islamic Resistance in Iraq",
        reported=True,
    ),
    case(
        "The rebels threatened Israel, Katz said.",
        1,
        id="a-trailing-attribution",
        speaker=KATZ,
        reported=True,
    ),
    case(
        "Iran threatened US forces, according to the Pentagon.",
        1,
        id="a-trailing-according-to",
        speaker=RYDER,
        reported=True,
    ),
    # Not a subject that does something else, nor one after the reporting sentence's start.
    case(
        "Three rockets hit the base, the ministry said.",
        0,
        id="a-described-subject-that-acts",
        speaker=KATZ,
        reported=True,
    ),
    # What the speaker pledges, vows or swears, the speaker's side does, whoever it is named as.
    case(
        "pledged that, if their interests are hurt, the militias may take measures against U.S. interests.",
        3,
        ("united-states",),
        id="a-pledge-s-act-is-the-speaker-s",
        speaker="Qais al-Khazali",
        reported=True,
    ),
    case(
        "vowed that the Americans will never attack Iraq again.",
        0,
        id="a-pledge-of-what-another-will-not-do",
        speaker="Qais al-Khazali",
        reported=True,
    ),
    # A belief called mistaken denies what it holds: no condition, a negation (litotes raises).
    case("Whoever expects us to stand idly by is mistaken.", 2, id="a-mistaken-belief-is-a-litotes"),
    case(
        "Anyone who believes that the resistance will remain silent is deluded.",
        2,
        id="a-deluded-belief-is-a-litotes",
        speaker=KAABI,
    ),
    case("Those who think we will attack civilians are wrong.", 0, id="a-mistaken-belief-negates"),
    # Two negations cancel: the belief that we will not act, called mistaken, says we will.
    case(
        "Whoever thinks that we will not retaliate against Israel is mistaken.",
        3,
        ("israel",),
        id="a-mistaken-negative-belief-affirms",
        speaker="Hassan Nasrallah",
    ),
    case("Whoever attacks us will regret it.", 3, id="whoever-without-a-belief-stays-a-condition"),
    case("The United States would likely strike us if we entered the war.", 1, id="another-side-s-plan"),
    case("Israel may attack Iran tomorrow, and the Americans might join it.", 1, id="third-parties-plans"),
]

# -- the act: violence, as verbs, nouns and phrases the lexicons compose ------------------------
ACTS = [
    case("We will obliterate their bases.", 3, id="obliterate"),
    case("We will turn their cities into rubble.", 3, id="turn-into-rubble"),
    case("We will raise our hand against the occupiers.", 3, id="raise-a-hand-against"),
    case("We extend our hand to all the Lebanese.", 0, id="extend-a-hand-to-is-no-act"),
    case(
        "The resistance will act against the occupiers.", 3, ("us-forces",), id="act-against", speaker=KAABI
    ),
    case("We will avenge the blood of our martyrs.", 3, id="avenge"),
    case("We will eliminate every American soldier in Iraq.", 3, ("us-forces",), id="eliminate"),
    case("We will hunt down the criminals who planned this.", 3, id="hunt-down"),
    case(
        "We will expel the occupation forces from Iraq.",
        3,
        ("us-forces",),
        id="expel-is-our-act-of-force",
        speaker=KAABI,
    ),
    case("We will launch a wave of drones at Eilat.", 3, ("israel",), id="launch-a-noun"),
]

# -- tense, modality and polarity ------------------------------------------------------------
MODALITY = [
    case("We are determined to strike the American enemy.", 3, ("united-states",), id="determined-to"),
    case("We plan to target their warships.", 3, id="plan-to"),
    case(
        "said it had targeted an American aircraft carrier.",
        4,
        ("us-forces",),
        id="reported-past-claim",
        speaker=HOUTHI,
        reported=True,
    ),
    case("We have struck the occupation base at Harir.", 4, ("us-bases",), id="present-perfect-claim"),
    case(
        "We will continue to strike American bases until the occupation ends.",
        4,
        ("us-bases",),
        id="continue",
    ),
    case(
        "Our operations will not stop until the siege is lifted.",
        4,
        id="operations-will-not-stop",
        speaker=HOUTHI,
    ),
    case("We will resume attacks on international shipping.", 4, ("other",), id="resume"),
    case(
        "Yemen will carry out more impactful strikes against the enemy.", 4, id="more-strikes", speaker=HOUTHI
    ),
    case("We will expand our operations to the Indian Ocean.", 4, id="expand", speaker=HOUTHI),
    case(
        "We have entered a new phase of escalation against the Zionist entity.",
        4,
        ("israel",),
        id="a-new-phase",
        marks=known_miss("a new phase of escalation names no act of violence"),
    ),
    case(
        "The Islamic Resistance in Iraq has decided to liberate Iraq militarily.",
        4,
        id="decision",
        speaker="Islamic Resistance in Iraq",
    ),
    case(
        "announced that they would target all Israeli-flagged vessels.",
        4,
        ("israel",),
        id="an-announced-decision",
        speaker=HOUTHI,
        reported=True,
    ),
    case(
        "If the Americans intervene, we will attack all U.S. targets in the region.",
        3,
        ("united-states",),
        id="conditional-threat",
    ),
    case("If they continue, we will escalate our attacks on their bases.", 3, id="conditional-escalation"),
    case("We will not attack the American embassy.", 0, id="negated-threat"),
    case("We will not, under any circumstances, target civilians.", 0, id="negation-scoped-by-clause"),
    case("We have no intention of attacking the U.S. embassy.", 0, id="no-intention"),
    case(
        "We will not attack anyone, but if we are attacked, we will strike Ain al-Asad.",
        3,
        ("us-bases",),
        id="negation-does-not-spill",
    ),
    case("We will not hesitate to strike the American bases in Iraq.", 3, ("us-bases",), id="litotes-raises"),
    case("We will never forgive the enemy.", 1, id="negation-does-not-cancel-framing"),
]

# -- frames: the ways real articles put a claim, an endorsement, a threat ----------------------
CLAIMS = [
    case("Our missiles reached their targets in Eilat.", 4, ("israel",), id="effect-reached-their-targets"),
    case("The operation achieved its goals.", 4, id="effect-achieved-its-goals", speaker=HOUTHI),
    case("The facilities were destroyed overnight.", 4, id="official-passive-destroyed", speaker=RYDER),
    case(
        "The strikes on Iranian nuclear sites were conducted with precision.",
        4,
        ("iran",),
        id="official-passive-conducted",
        speaker="Pete Hegseth",
    ),
    case("Our homes were destroyed by Israeli jets.", 1, id="our-side-as-victim-is-no-claim", speaker=QASSEM),
    case(
        "claimed responsibility for the attack on Tower 22.",
        4,
        ("us-bases",),
        id="claim-of-responsibility",
        speaker="Islamic Resistance in Iraq",
        reported=True,
    ),
    case(
        "The strikes were in response to the attacks on our service members.",
        4,
        id="told-as-an-answer",
        speaker=RYDER,
    ),
    case(
        "Our air defenses destroyed seven drones.", 0, id="interceptions-are-defence", speaker="Saudi Arabia"
    ),
    # An armed group's bare weapon reaching the other side's place is its claim, also in a
    # relative clause ("that reached" is a verb, not "that strike"); a state's may be anyone's.
    case("The missile reached Eilat.", 4, ("israel",), id="a-group-s-weapon-reached", speaker=HOUTHI),
    case(
        "praised the missile that reached Eilat.",
        4,
        ("israel",),
        id="a-weapon-that-reached",
        speaker=HOUTHI,
        reported=True,
    ),
    case("The missile reached Erbil.", 0, id="a-state-s-unowned-missile", speaker=RYDER),
    case("The delegation that reached Riyadh was welcomed.", 0, id="reaching-no-weapon", speaker=HOUTHI),
]

ENDORSEMENTS = [
    case("It was a brave and blessed operation.", 4, id="brave-and-blessed-operation", speaker=KAABI),
    case("This is a great victory over the enemy.", 4, id="a-great-victory", speaker=KAABI),
    case(
        "Striking the occupiers is a legitimate right of our people.",
        4,
        id="a-legitimate-right",
        speaker=KAABI,
    ),
    case(
        "We bless the operations of the Islamic Resistance against the American occupation bases.",
        4,
        ("us-bases",),
        id="we-bless-the-operations",
    ),
    case("We salute the heroes who carried out last night's operation.", 4, id="salute-the-heroes"),
    case(
        "The attacks on the occupation bases are a natural reaction to American crimes.",
        4,
        ("us-bases",),
        id="a-natural-reaction",
    ),
    case("It was an unacceptable attack on civilians.", 1, id="condemned-is-no-endorsement"),
]

THREATS = [
    case("Expect a response that shakes the region.", 3, id="expect-a-response"),
    # A passive that promises the other side's harm is the party's own threat.
    case("Their bases can be targeted at any moment.", 3, id="passive-capability", speaker=HOUTHI),
    # Coordinated qualifiers still make the response forceful and still let the verb govern it.
    case(
        "vowed decisive and powerful action against the Houthis.",
        3,
        ("other",),
        id="coordinated-qualifiers",
        speaker="Donald Trump",
        reported=True,
    ),
    # A vow or pledge "to" an act noun, with the one pledged between (a common translation).
    case(
        "We pledge the United States to major operations and lethal strikes.",
        3,
        ("united-states",),
        id="pledge-x-to-operations",
        speaker=KAABI,
    ),
    case(
        "vowed large and deadly operations.", 3, id="coordinated-size-and-force", speaker=KAABI, reported=True
    ),
    # A permission to attack given to a named group ("the organization's mujahedin"): 4.
    case(
        "It is a clear permission for the Badr organization's mujahedin to act against the occupation bases.",
        4,
        ("us-bases",),
        id="permission-to-a-possessed-group",
        speaker="Electronic Hashd",
    ),
    case("They will regret it.", 3, id="they-will-regret-it"),
    case("A bitter lesson awaits the aggressors.", 3, id="a-bitter-lesson-awaits"),
    case("We will open new fronts against the enemy.", 3, id="open-new-fronts"),
    case(
        "warned the Americans of a harsh response.",
        3,
        ("united-states",),
        id="warned-of",
        speaker=KAABI,
        reported=True,
    ),
    case("You will pay a heavy price.", 3, id="you-will-pay"),
    case("Those who play with fire should expect destruction.", 3, id="those-who-play-with-fire"),
    case("Beirut will not be immune.", 3, id="will-not-be-immune", speaker=KATZ),
    case("Any aggression against our people will be met with a harsh response.", 3, id="will-be-met-with"),
    case("All its interests in the region will be legitimate targets.", 3, id="will-be-legitimate-targets"),
    case(
        "All American interests are legitimate targets.", 3, ("united-states",), id="are-legitimate-targets"
    ),
    case("The embassy is a military base.", 0, id="a-military-base-only-names"),
    case(
        "The port has been included in the target bank.", 4, id="included-in-the-target-bank", speaker=HOUTHI
    ),
    case(
        "We will respond at a time and place of our choosing.",
        3,
        id="a-time-and-place-of-our-choosing",
        speaker=RYDER,
    ),
    case("Our missiles can reach Tel Aviv.", 3, ("israel",), id="capability-offered-as-menace"),
    # Veiled threats: the other side's safety put in doubt, a place made the scene of the
    # fighting, reach, punishment that cannot be escaped, regret made.
    case("They should be mindful of the safety of their soldiers.", 3, id="mindful-of-their-safety"),
    case("We are mindful of the safety of our personnel.", 0, id="mindful-of-our-own-safety", speaker=RYDER),
    case("The enemy will not enjoy security.", 3, id="will-not-enjoy-security"),
    case("The Gulf will be the scene of direct confrontation.", 3, id="the-scene-of-confrontation"),
    case("The hotel will be the scene of the conference.", 0, id="the-scene-of-a-conference"),
    case("Gaza is the scene of a brutal war.", 1, id="the-scene-of-a-war-described"),
    case("Their bases are within reach of our missiles.", 3, id="within-reach-of-our-missiles"),
    case("A deal is within reach.", 0, id="a-deal-within-reach"),
    case("Those who attack us will not escape punishment.", 3, id="not-escape-punishment"),
    case("The enemy will receive a painful slap.", 3, id="will-receive-a-slap"),
    case("We will make them regret the day they were born.", 3, id="make-them-regret"),
    case("This aggression will not pass without a response.", 3, id="not-pass-without-a-response"),
    case("We will chase them wherever they are.", 3, id="chase-a-side"),
]

# The speaker's own speech act named by a noun: "our warning", "a final warning" (2); a
# warning noun that is only the topic of its clause warns no one (0).
SPEECH_ACTS = [
    case("This is our last warning to the occupiers.", 2, ("us-forces",), id="our-warning", speaker=KAABI),
    case("Our warning is clear.", 2, id="our-warning-as-subject", speaker=KAABI),
    case("A final warning to the aggressors.", 2, id="a-warning-as-a-heading"),
    case(
        "issued a stern warning to the Houthis.",
        2,
        ("other",),
        id="issued-a-warning",
        speaker=KATZ,
        reported=True,
    ),
    case(
        "said the administration knows that some of the warnings are political messaging.",
        0,
        id="warnings-as-a-topic",
        speaker=RYDER,
        reported=True,
    ),
    case("Threats are not enough to change our policy.", 0, id="threats-as-a-topic", speaker=RYDER),
]

ENEMY_ACTS = [
    case("The enemy is killing children in Gaza.", 1, id="the-enemy-is-killing-children", speaker=QASSEM),
    case("Their war machine threatens us every day.", 1, id="their-war-machine-threatens-us", speaker=QASSEM),
    case("America killed our leaders.", 1, id="america-killed-our-leaders", speaker=KAABI),
    # A participle after the main clause has its subject, also in reported speech.
    case(
        "The Houthis had blocked shipping in the Red Sea, attacking the freedom of navigation, he said.",
        1,
        id="a-participle-takes-the-main-subject",
        speaker="Mike Waltz",
        org="United States",
        reported=True,
    ),
    # A modifier between an article and an act word leaves it a noun: whose strike, "these states" say.
    case("These states carried out a mass strike on Yemeni territory.", 0, id="a-mass-strike-is-a-noun"),
    # A pretext given to another side: the act after it is that side's, not the speaker's.
    case(
        "The rocket fire provides Israel with pretexts to continue strikes.",
        1,
        id="a-pretext-given-to-another-side",
        speaker="Nawaf Salam",
    ),
    # "have … to strike" is no present perfect: no claim.
    case("We have the opportunity to strike them.", 0, id="have-the-opportunity-is-no-claim", speaker=KAABI),
    # A toll reported with no one named or condemned frames no enemy (0).
    case(
        "The war has killed more than 3,500 people in Lebanon since October 2023.",
        0,
        id="a-toll-names-no-enemy",
        speaker="Health Ministry",
    ),
    # A nationality before an act noun names whose act it is: another side's (1).
    case("This was an Iranian attack on a civilian facility.", 1, id="a-nationality-s-attack", speaker=RYDER),
    # A second predicate with no subject of its own shares the clause's: the United States'.
    case(
        "The United States controls our economy, and is trying to destroy it.",
        1,
        id="a-shared-subject-after-and",
        speaker=KAABI,
    ),
]

COERCION_AND_CALM = [
    case("We will blockade their trade.", 2, id="blockade-stays-two", speaker=HOUTHI),
    case("The government must close the American embassy.", 2, ("us-embassy",), id="close-the-embassy"),
    case("We will confront the plan politically.", 2, id="confront-politically"),
    case(
        "It is time for the international coalition forces to leave Iraq.",
        2,
        ("coalition-forces",),
        id="it-is-time-for-x-to-leave",
    ),
    case("The American forces are occupiers, and they must leave Iraq.", 2, ("us-forces",), id="must-leave"),
    case(
        "The Iraqi government must expel the U.S. forces from the country.",
        2,
        ("us-forces",),
        id="a-demand-on-the-government",
    ),
    case(
        "We declare our readiness to fight the enemy.",
        2,
        ("israel",),
        id="readiness-enemy-from-narration",
        narration="Israel struck the southern suburb of Beirut on Tuesday. Hezbollah responded within hours:",
    ),
    case("We will not stand idly by while Gaza burns.", 2, id="will-not-stand-idly-by"),
    case("We cannot remain silent forever.", 2, id="cannot-remain-silent"),
    case("Our patience has limits.", 2, id="patience-has-limits"),
    case("This is not a time to discuss de-escalation.", 2, id="rejecting-calm"),
    # A demand's that-clause: its bare verb is what is demanded ("foreign forces" are no one's own).
    case(
        "demanded that foreign forces leave the country.",
        2,
        id="demanded-that-x-leave",
        speaker=KAABI,
        reported=True,
    ),
    case(
        "told reporters that the forces leave tomorrow.",
        0,
        id="told-that-is-no-demand",
        speaker=KAABI,
        reported=True,
    ),
    # A demanded act named by a noun: the demand is ours, the withdrawal theirs (2).
    case("We demand the immediate withdrawal of foreign forces.", 2, id="we-demand-the-withdrawal"),
    case("We will withdraw our forces.", 0, id="our-own-withdrawal-is-no-demand"),
    # "the consequences of its actions" are caused by its actions, not its harm to inflict.
    case("Israel will face the consequences of its actions.", 2, ("israel",), id="face-the-consequences-of"),
    # Unspecified consequences, disclaimed, laid on someone or foretold, are a warning (2).
    case("We absolve ourselves of any consequences of this delay.", 2, id="any-consequences-disclaimed"),
    case("We hold them responsible for all the consequences.", 2, id="all-the-consequences"),
    case("This step will have consequences.", 2, id="will-have-consequences"),
    case("The economic consequences of the war are severe.", 0, id="consequences-described"),
    case("The study did not find any consequences for health.", 0, id="no-consequences-found"),
    case("We call on all parties to exercise restraint and avoid escalation.", 0, id="an-appeal-for-calm"),
    case("We do not seek war with anyone.", 0, id="not-seeking-war"),
    # "but will defend" shares "we": the speaker's declared readiness (2).
    case("We do not seek war, but will defend ourselves against any aggression.", 2, id="but-will-defend"),
    # Pursuing culprits is law enforcement: coercive (2), not a call to attack.
    case(
        "ordered the security forces to pursue the perpetrators.",
        2,
        ("other",),
        id="pursue-the-perpetrators",
        speaker="Mohammed Shia al-Sudani",
        reported=True,
    ),
    case(
        "We will hunt down the occupiers.",
        3,
        ("us-forces",),
        id="hunt-down-a-side-is-a-threat",
        speaker=KAABI,
    ),
    # A possessive in the speaker's own words takes its antecedent: the resistance's jihad.
    case(
        "The resistance will continue its jihad until liberation.", 4, id="continue-the-jihad", speaker=KAABI
    ),
    case("Israel will continue its aggression.", 1, id="continue-another-s-aggression", speaker=KAABI),
    # Another side's readiness is not the speaker's (and "falsehood" frames it: 1).
    case(
        "The front of falsehood is preparing to attack the Islamic Republic.",
        1,
        id="another-side-s-preparation",
        speaker="Abu Hussein al-Humaidawi",
    ),
]

HOSTILITY = [
    case("Israel is weaker than a spider's web.", 1, id="belittling"),
    case("Their leaders are liars who deceive their own people.", 1, id="accusation-of-deceit"),
    case("Washington is lying to the world.", 1, id="lying-is-inflected"),
    # Blame and rejection frame an enemy (1).
    case("Iran was ultimately responsible for the attack.", 1, id="ultimately-responsible", speaker=RYDER),
    case("We oppose the presence of foreign troops on our soil.", 1, id="opposing-a-presence"),
    case("This decision is a declaration of war.", 1, id="a-declaration-of-war"),
    case("Iran bears responsibility for the escalation.", 1, id="bears-responsibility", speaker=RYDER),
    case("Israel is the main source of instability in the region.", 1, id="source-of-instability"),
    case("The decision was unjust.", 1, id="unjust"),
    # Defiance and belittling without the usual hostile words (1).
    case("Their threats do not scare us.", 1, id="threats-do-not-scare-us"),
    case("Washington only understands the language of force.", 1, id="the-language-of-force"),
    case("These statements are worthless.", 1, id="worthless"),
    case("They are tools in the hands of Washington.", 1, id="tools-in-the-hands-of"),
    case("The law gives citizens no right to carry weapons.", 0, id="no-right-to-is-no-hostility"),
    case("Iran is behind these attacks.", 1, id="behind-the-attacks", speaker=RYDER),
    case("Iran continues to fund and arm these groups.", 1, id="fund-and-arm", speaker=RYDER),
    case("We stand behind our forces in their attacks.", 0, id="standing-behind-one-s-forces", speaker=RYDER),
    case("The United States has crossed a red line.", 1, id="crossed-a-red-line", speaker=QASSEM),
    # "the will of the people" is a noun, no future.
    case(
        "They oppose the will of the Iraqis to expel the occupiers.",
        1,
        id="the-will-of-the-people-is-no-future",
        speaker=KAABI,
    ),
    case("The so-called peace plan is a farce.", 1, id="mockery"),
    case("This is a war between the arrogant powers and the faith of the oppressed.", 1, id="ideological"),
    case(
        "There is no ceiling for Israel and the United States in this war.", 1, id="named-states-no-targets"
    ),
    case("The people of Iraq have suffered for decades and deserve a better life.", 0, id="a-description"),
    case(
        "Trump's statements talk about escalation, but they change nothing on the ground.",
        0,
        id="talk-about-escalation",
    ),
]

# -- targets ---------------------------------------------------------------------------------
TARGETS = [
    # A condition names whom the threat means, across an aside before the main clause.
    case(
        "If Iran kills protesters, which is their custom, the United States will come to their rescue.",
        3,
        ("iran",),
        id="condition-across-an-aside",
        speaker="Donald Trump",
    ),
    case("We will strike Ain al-Asad and Harir.", 3, ("us-bases",), id="named-bases"),
    case("We will strike the Zionist entity in the heart of Tel Aviv.", 3, ("israel",), id="zionist-entity"),
    case("Our drones will reach Eilat and Ashdod.", 3, ("israel",), id="places-name-their-country"),
    case(
        "America killed our leaders. We will target its soldiers wherever they are.",
        3,
        ("us-forces",),
        id="its-soldiers-after-america",
    ),
    case(
        "We will strike the United States and its bases in the region.",
        3,
        ("united-states", "us-bases"),
        id="its-bases-with-the-united-states",
    ),
    case("We will strike its bases in the region.", 3, id="its-bases-with-no-country"),
    case(
        "We will strike the Americans, who killed our leaders in Baghdad, and their bases in Syria.",
        3,
        ("united-states", "us-bases"),
        id="an-aside-does-not-hide-the-rest",
    ),
    case(
        "We will strike the enemy wherever he is.",
        3,
        ("united-states",),
        id="the-enemy-named-nearby",
        narration="Kataib Hezbollah spoke in Baghdad after the United States struck its headquarters.",
    ),
    case(
        "We will strike the enemy wherever he is.",
        3,
        ("israel",),
        id="the-enemy-is-not-the-ally",
        narration="Hezbollah thanked Iran for its support after Israel bombed Beirut.",
    ),
    case("We will strike the enemy wherever he is.", 3, id="the-enemy-unresolved"),
    case(
        "Hezbollah will pay a very heavy price.",
        3,
        ("other",),
        id="a-group-outside-the-gazetteer-is-other",
        speaker=KATZ,
    ),
    case("War on Iran is no picnic, and you will pay a heavy price.", 3, id="the-side-defended-is-no-target"),
    case("Our brothers in Tehran must be ready to respond.", 2, id="an-ally-is-no-target"),
    case(
        "We will never attack Iran, and we will strike the Zionist entity.",
        3,
        ("israel",),
        id="a-negated-clause-names-no-target",
    ),
    case("The Erbil consulate will be a legitimate target.", 3, ("us-embassy",), id="the-erbil-consulate"),
    case("We will strike the Royal Court in Amman.", 3, id="a-royal-court-is-not-saudi-arabia"),
    # "X-backed Y" names whom Y serves; it does not make Y a side defended.
    case(
        "The UK and its allies could take action against Iranian-backed Houthis if the attacks go on.",
        3,
        ("other",),
        id="a-compound-backed-is-no-defence",
        reported=True,
        speaker="Grant Shapps",
    ),
    case(
        "We will strike Iran's militias in Syria.",
        3,
        ("other",),
        id="a-possessive-patron-is-no-target",
        speaker=KATZ,
    ),
    # "targets" after an act names what is struck, not another harm that protects it.
    case(
        "The Houthis threatened to attack multiple targets in the United Arab Emirates.",
        3,
        ("other",),
        id="targets-in-a-country",
        reported=True,
        speaker=HOUTHI,
    ),
    case("We targeted the vessel with two missiles.", 4, ("other",), id="a-ship-is-other", speaker=HOUTHI),
    case(
        "We will not spare the commanders of the militia.",
        3,
        ("other",),
        id="commanders-are-other",
        speaker=RYDER,
        marks=known_miss("'will not spare' is not in the act lexicon"),
    ),
    # A warning threatens whom it warns, not what it warns of.
    case(
        "Askari warned Iraqi contractors of working with American soldiers.",
        2,
        ("other",),
        id="warned-x-of-y",
        reported=True,
        speaker="Abu Ali al-Askari",
    ),
    case(
        "The minister addressed the Lebanese people, warning them of the perils they face.",
        2,
        ("other",),
        id="warned-them-is-the-side-named-before",
        reported=True,
        speaker="Yoav Gallant",
    ),
    # The side supported is no target, even in scare quotes.
    case(
        "If the Americans continue their aggression in support of the 'Israeli' enemy, we will confront "
        "them.",
        3,
        ("united-states",),
        id="in-support-of-the-ally-in-scare-quotes",
        speaker=HOUTHI,
    ),
    case(
        "America will regret it: we will target its aircraft carriers.",
        3,
        ("united-states", "us-forces"),
        id="its-carriers-after-america",
        speaker=HOUTHI,
    ),
    # A force names its state, under its full name as under its initials.
    case(
        "We will strike the Islamic Revolutionary Guard Corps.",
        3,
        ("iran",),
        id="the-irgc-in-full-is-iran",
        speaker=KATZ,
    ),
    case(
        "The group warned the Kurdistan Regional Government against collaboration.",
        2,
        ("kurdistan-region",),
        id="the-regional-government-is-the-region",
        reported=True,
        speaker="Kataib Hezbollah",
    ),
    # The side whose strikes the speaker answers is whom the answer threatens; the side that
    # conducts the speaker's own strike is not.
    case(
        "We will confront escalation with escalation, after U.S. airstrikes on Sanaa.",
        3,
        ("united-states",),
        id="us-airstrikes-name-the-united-states",
        speaker=HOUTHI,
    ),
    case(
        "On the president's orders, US Central Command conducted a strike to destroy Iran's nuclear program.",
        4,
        ("iran",),
        id="the-command-that-conducts-the-strike-is-no-target",
        speaker="Pete Hegseth",
    ),
    # "the attack by X": X attacked, and is whom the response threatens.
    case(
        "said the United States would respond to the attack by Iran-backed militias.",
        3,
        ("other",),
        id="the-attack-by-names-the-attacker",
        reported=True,
        speaker="Lloyd Austin",
    ),
    case(
        "The occupation troops must leave Iraq or face our fire.",
        3,
        ("us-forces",),
        id="occupation-troops-are-us-forces",
        speaker=KAABI,
    ),
    # Whoever speaks in the statement is not what it threatens; the condition names whom.
    case(
        "The militias threatened to escalate their attacks if Israeli troops entered the south.",
        3,
        ("israel",),
        id="the-one-threatening-is-no-target",
        reported=True,
        speaker="Islamic Resistance in Iraq",
    ),
    case(
        "We will strike them if Israeli troops enter Lebanon.",
        3,
        ("israel",),
        id="the-side-invaded-is-no-target",
        speaker=KAABI,
    ),
    # The side called on to act is no target, unless it is asked to stop or leave itself.
    case(
        "called on the United States to withdraw its forces from Iraq.",
        2,
        ("us-forces",),
        id="called-on-to-withdraw-is-the-target",
        reported=True,
        speaker="Adel Abdul Mahdi",
    ),
    case(
        "called on the Iraqi government to expel the American forces.",
        2,
        ("us-forces",),
        id="called-on-to-expel-is-no-target",
        reported=True,
        speaker=KAABI,
    ),
    # What a side calls its enemy: "the occupation" is U.S. forces to an Iraqi faction,
    # Israel to Hezbollah.
    case(
        "The resistance will continue its operations until the occupation leaves Iraq.",
        4,
        ("us-forces",),
        id="the-occupation-to-an-iraqi-faction",
        speaker="Harakat Hezbollah al-Nujaba",
    ),
    case(
        "The occupation forces will not be safe anywhere.",
        3,
        ("israel",),
        id="the-occupation-to-hezbollah",
        speaker="Hassan Nasrallah",
    ),
    case(
        "We will strike the occupation forces wherever they are.",
        3,
        ("israel",),
        id="occupation-forces-to-hezbollah",
        speaker="Hassan Nasrallah",
    ),
    case("We will strike the occupation wherever it is.", 3, id="the-occupation-to-no-side"),
    # A slap is a blow; "to the Stone Age" is harm promised; "will not deter us from" a
    # litotes. A wish that another side leave is a demand, not yet read.
    case(
        "We want the American forces to leave Iraq.",
        2,
        ("us-forces",),
        id="want-x-to-leave-is-a-demand",
        marks=known_miss(
            "'want' is an intention verb; as a demand verb it would read 'we want to strike' as a call"
        ),
        speaker="Adel Abdul Mahdi",
    ),
    case(
        "We want to reach an agreement.", 0, id="want-an-agreement-is-no-demand", speaker="Adel Abdul Mahdi"
    ),
    case(
        "The Americans were slapped in the face last night.",
        4,
        ("united-states",),
        id="a-slap-is-a-blow",
        speaker="Ali Khamenei",
    ),
    case(
        "We will return Lebanon to the Stone Age.",
        3,
        ("other",),
        id="to-the-stone-age",
        speaker="Yoav Gallant",
    ),
    case(
        "Sanctions will not deter us from fighting the occupation.",
        3,
        ("us-forces",),
        id="not-deter-us-from-is-a-litotes",
        speaker=KAABI,
    ),
    case("Talks will deter them from fighting.", 1, id="deter-them-is-no-threat", speaker=KAABI),
    # Asked to control another, the one called on makes a demand on it (2).
    case(
        "called on the prime minister to control the militias.",
        2,
        ("other",),
        id="called-on-to-control-is-a-demand",
        reported=True,
        speaker="Antony Blinken",
        marks=known_miss("a demanded act done to another (control, restrain) reads no object"),
    ),
    case(
        "The government controls the airport.",
        0,
        id="controls-alone-is-no-demand",
        speaker="Mohammed Shia al-Sudani",
    ),
    # Warning against the consequences of a step warns (2), whom the step brings in.
    case(
        "warned against the consequences of deploying an international force on the border.",
        2,
        ("other",),
        id="warned-against-the-consequences",
        reported=True,
        speaker="Hashem Safieddine",
    ),
    case(
        "warned against corruption.",
        1,
        id="warned-against-is-opposition",
        reported=True,
        speaker="Hashem Safieddine",
    ),
    case(
        "We will hold all those responsible to account.",
        2,
        ("other",),
        id="hold-to-account",
        speaker="Joe Biden",
    ),
    # A state asked to leave, or to be expelled, is its forces (targets.toml's `forces`).
    case(
        "called for the United States to withdraw from the country.",
        2,
        ("us-forces",),
        id="a-state-asked-to-withdraw-is-its-forces",
        reported=True,
        speaker="Asaib Ahl al-Haq",
    ),
    case(
        "We will expel America from the region.",
        3,
        ("us-forces",),
        id="a-state-expelled-is-its-forces",
        speaker="Qais al-Khazali",
    ),
    case(
        "Israel must withdraw from Lebanese land.",
        2,
        ("israel",),
        id="a-state-without-forces-target",
        speaker="Hassan Nasrallah",
    ),
    # A nationality before "leaders" or "commanders" names the target, not a group of others.
    case(
        "We will punish the Israeli leaders.",
        3,
        ("israel",),
        id="the-israeli-leaders-are-israel",
        speaker="Qais al-Khazali",
    ),
    case("We will kill their commanders.", 3, ("other",), id="their-commanders-are-other", speaker=KATZ),
    case("We will strike Iran's proxies in Syria.", 3, ("other",), id="proxies-are-other", speaker=KATZ),
    # A third party appealing in the paragraph is no enemy for a threat that names no one.
    case(
        "We will strike with full force.",
        3,
        id="a-third-party-appealing-is-no-enemy",
        speaker="Qais al-Khazali",
        narration="Khazali spoke after the European Union called for calm.",
    ),
    # Readiness after a condition threatens the one whose act the condition names.
    case(
        "If Israel attacks Lebanon, the war will spread, and we are ready to respond.",
        2,
        ("israel",),
        id="readiness-after-a-condition",
        speaker="Hassan Nasrallah",
    ),
    case("We are ready to respond.", 2, id="readiness-with-no-one-named", speaker="Hassan Nasrallah"),
    # A force the gazetteer knows as a speaker names its state when threatened.
    case(
        "We will strike the Israeli military wherever it is.",
        3,
        ("israel",),
        id="a-state-s-military-is-the-state",
        speaker="Hassan Nasrallah",
    ),
    case(
        "We will strike Central Command's headquarters.",
        3,
        ("united-states",),
        id="a-command-is-its-state",
        speaker="Qais al-Khazali",
    ),
    # The speaker's own forces in a list after its nationality are not the other side's.
    case(
        "Yemeni leaders, armed forces and people are ready for war with America.",
        2,
        ("united-states",),
        id="own-forces-in-a-list",
        speaker="Ali al-Qahoum",
    ),
    # A place "at" which a target stands is no target beside it.
    case(
        "We struck the coalition base at Erbil airport.",
        4,
        ("coalition-forces",),
        id="a-place-at-is-locative",
        speaker="Kataib Hezbollah",
    ),
    # A threat that names no one threatens a group its paragraph names, not a place there.
    case(
        "Those who play with fire should expect destruction.",
        3,
        ("other",),
        id="an-idiom-threatens-the-group-named-nearby",
        speaker="Yoav Gallant",
        narration="Gallant wrote to the Lebanese people about Hezbollah's threats.",
    ),
    case(
        "We are ready to fight.",
        2,
        id="a-city-is-no-enemy",
        speaker="Hashem al-Haidari",
        narration="Haidari addressed his supporters in Baghdad.",
    ),
]


@pytest.mark.parametrize(
    ("content", "speaker", "org", "reported", "narration", "level", "targets"),
    WHO_ACTS + ACTS + MODALITY + CLAIMS + ENDORSEMENTS + THREATS + SPEECH_ACTS + ENEMY_ACTS
    + COERCION_AND_CALM + HOSTILITY + TARGETS,
)  # fmt: skip
def test_level_and_targets(
    content: str,
    speaker: str | None,
    org: str | None,
    reported: bool,
    narration: str,
    level: int,
    targets: tuple[str, ...],
) -> None:
    gazetteer = load_gazetteer()
    side = speaker_side(speaker, org, gazetteer) if speaker else None
    result = classify(
        content,
        "",
        gazetteer,
        reported=reported,
        own=side,
        surroundings=read_surroundings(narration, gazetteer),
    )
    assert (result.level, tuple(sorted(result.target_names))) == (level, targets)


def test_explanation_names_the_frame_and_its_parts() -> None:
    result = classify("We will continue to strike American bases.", "", load_gazetteer())
    (cue,) = [c for c in result.cues if c.level == 4]
    assert (cue.family, cue.text) == ("continuation", "will continue to strike")
    assert cue.note == (
        "actor: own (we); act: strike; on: other; modality: continuation, future, ongoing-continuation; "
        "by: continue will"
    )


@pytest.mark.parametrize(
    ("text", "level", "families"),
    [
        # Warning that another side will strike frames that side (1), not the speaker's threat.
        (
            "warned that the United States would likely strike the Popular Mobilization Forces.",
            1,
            {"enemy-act"},
        ),
        # Addressed to the other side, or of consequences, it is a warning (2).
        ("warned the United States against any strike on the Popular Mobilization Forces.", 2, None),
        ("warned of dire consequences.", 2, None),
        # The speaker's own threat inside the warning decides.
        ("warned that the resistance would strike American bases.", 3, None),
    ],
)
def test_a_warning_about_another_side_frames_it(text: str, level: int, families: set[str] | None) -> None:
    gazetteer = load_gazetteer()
    haidari = speaker_side("Hashem al-Haidari", None, gazetteer)
    result = classify(text, "", gazetteer, reported=True, own=haidari)
    assert result.level == level
    if families is not None:
        assert {c.family for c in result.cues} == families


@pytest.mark.parametrize(
    ("target", "ancestors"),
    [
        pytest.param("us-bases", ["us-forces", "united-states"], id="us-bases"),
        pytest.param("us-embassy", ["united-states"], id="us-embassy"),
    ],
)
def test_target_parents(target: str, ancestors: list[str]) -> None:
    assert list(load_gazetteer().ancestors(target)) == ancestors


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(3, 3, id="int"),
        pytest.param("0", 0, id="digit-string"),
        pytest.param("threat", 3, id="name"),
        pytest.param("Mobilization", 4, id="name-any-case"),
    ],
)
def test_level_number(value: str | int, expected: int) -> None:
    assert level_number(value) == expected
    assert level_number(LEVEL_NAMES[expected]) == expected


@pytest.mark.parametrize("value", [5, "-1", "severe"])
def test_level_number_rejects(value: str | int) -> None:
    with pytest.raises(ValueError, match="not a level"):
        level_number(value)


# Ordinary sentences that share words with escalation: they stay below the level shown.
@pytest.mark.parametrize(
    ("text", "below"),
    [
        ("Diplomats must act first to calm the situation.", 3),
        ("The war between the two parties over the budget is a struggle between old allies.", 2),
        ("The picnic was no picnic for the organizers.", 3),
        ("Hope will not be extinguished, the charity said.", 3),
        ("The startup will engage in action against climate change.", 4),
        ("The bill would face strong resistance in parliament.", 2),
        ("The United Nations will expand its operations in Yemen.", 2),
        ("The team will strike a deal with the sponsor next week.", 4),
        ("The minister will launch a new education program.", 3),
        ("Prices will continue to rise next year.", 3),
    ],
)
def test_everyday_wording_is_not_escalation(text: str, below: int) -> None:
    assert classify(text, "", load_gazetteer()).level < below


@pytest.mark.parametrize(
    ("paragraph", "context"),
    [
        ("Hezbollah spoke after Israel bombed Beirut.", "The U.S. embassy in Baghdad was hit on Friday."),
        ("“We will strike their bases,” he said.", "Kataib Hezbollah threatened U.S. forces in Iraq."),
        ("No one was hurt.", ""),
    ],
)
def test_surroundings_read_alone_then_put_in_context_are_the_same(paragraph: str, context: str) -> None:
    # extract.py reads each paragraph once and puts it in the context of the one before.
    gazetteer = load_gazetteer()
    together = read_surroundings(paragraph, gazetteer, context)
    alone = read_surroundings(paragraph, gazetteer)
    assert together == (in_context(alone, read_surroundings(context, gazetteer)) if context else alone)
