"""The constructions of news writing that issue 12 lists, each in short passages
of our own (no corpus text), negatives included; known misses are strict xfails."""

from __future__ import annotations

import pytest

from rhetrack.clean import clean_text
from rhetrack.dates import find_byline_date
from rhetrack.extract import extract_statements
from rhetrack.partial_date import PartialDate

PUBLISHED = PartialDate.parse_iso("2024-03-08")  # a Friday


def _found(text: str) -> list[tuple[str, str]]:
    return [(s.speaker.name, s.kind) for s in extract_statements(text, PUBLISHED)]


# (passage, [(speaker, kind), ...])
ATTRIBUTION = [
    # reporting verbs beyond say/warn, with their frames
    ("Hadi al-Ameri accused the United States of bombing Iraqi bases.", [("Hadi al-Ameri", "indirect")]),
    ("Akram al-Kaabi slammed the strike as a crime against Iraq.", [("Akram al-Kaabi", "indirect")]),
    ("Naim Qassem praised the fighters who defended the border.", [("Naim Qassem", "indirect")]),
    ("Yahya Saree revealed that the navy had fired two missiles.", [("Yahya Saree", "indirect")]),
    ("The Pentagon says the strikes were a message to Tehran.", [("U.S. Department of Defense", "indirect")]),
    ("Qais al-Khazali denied having any role in the attack.", [("Qais al-Khazali", "indirect")]),
    ("Hassan Nasrallah described the raid as a declaration of war.", [("Hassan Nasrallah", "indirect")]),
    (
        "Kataib Hezbollah put out a statement on Telegram warning the embassy to leave.",
        [("Kataib Hezbollah", "indirect")],
    ),
    # that-less complements
    ("Akram al-Kaabi warned on Tuesday the group would strike back.", [("Akram al-Kaabi", "indirect")]),
    ("Naim Qassem later clarified he meant the occupation forces.", [("Naim Qassem", "indirect")]),
    # two speech acts in one sentence
    (
        "Hadi al-Ameri said the talks had failed and called on the government to expel the troops.",
        [("Hadi al-Ameri", "indirect"), ("Hadi al-Ameri", "indirect")],
    ),
    # a quotation inside a reported clause belongs to that clause's statement
    (
        "Naim Qassem said that the enemy would pay “a heavy price” for the raid.",
        [("Naim Qassem", "indirect")],
    ),
    # participial and tail frames
    ("“We are ready,” Yahya Saree said, adding that the navy was on alert.", [("Yahya Saree", "direct")]),
    # transcript turns, and the turn going on in the next paragraph
    (
        "Hadi al-Ameri spoke to the channel.\n\nHadi al-Ameri: We will not leave our land to them.\n\n"
        "We will answer any attack on our people.",
        [("Hadi al-Ameri", "direct"), ("Hadi al-Ameri", "direct")],
    ),
    # an interviewer's question is no statement
    (
        "Interviewer: What will you do next?\n\nYahya Saree: We will keep the sea closed to their ships.",
        [("Yahya Saree", "direct")],
    ),
    # a statement set out after a line that introduces it
    (
        "Akram al-Kaabi wrote on his channel:\n\nThe occupation forces will leave this land soon or late.",
        [("Akram al-Kaabi", "direct")],
    ),
    # role-only back-references, resolved by role
    (
        "Naim Qassem spoke on Monday. The Hezbollah leader said that the resistance was ready.",
        [("Naim Qassem", "indirect")],
    ),
    (
        "Reporter Sam Wood was there. Naim Qassem answered. The Hezbollah leader said that they will win.",
        [("Naim Qassem", "indirect")],
    ),
    (
        "“The response will be decisive,” the Kataib Hezbollah spokesman said.",
        [("Kataib Hezbollah", "direct")],
    ),
    # a role named before the person it stands for
    (
        "The defence secretary said that the fleet would stay.\n\n"
        "Grant Hollis warned that more ships would come.",
        [("Grant Hollis", "indirect"), ("Grant Hollis", "indirect")],
    ),
    # titles and honorifics are not the name; a surname with a title is the person named before
    (
        "Secretary of State Lena Marsh said that the talks failed. Ms Marsh said that more was needed.",
        [("Lena Marsh", "indirect"), ("Lena Marsh", "indirect")],
    ),
    # odd spellings of known names
    (
        "Sayyed Abdul-Malik Badreddine Al-Houthi said that the navy was ready.",
        [("Abdul-Malik al-Houthi", "indirect")],
    ),
    (
        "Abu Hussein al-Humaydawi said that the group would respond.",
        [("Abu Hussein al-Humaidawi", "indirect")],
    ),
    # the gazetteer's people under the spellings wire copy uses, stored under one name
    ("Muhammad al-Bukhaiti said that the war would widen.", [("Mohammed al-Bukhaiti", "indirect")]),
    ("Vasily Nebenzya said that the strikes were illegal.", [("Vassily Nebenzia", "indirect")]),
    # a known person's surname alone, after the full name
    (
        "Jake Sullivan arrived on Monday. Sullivan said that the talks would go on.",
        [("Jake Sullivan", "indirect")],
    ),
    # "the statement" is the speaker of the last statement that named one
    (
        "Hadi al-Ameri said in a statement that the bases must close. "
        "The statement cited two attacks on Baghdad.",
        [("Hadi al-Ameri", "indirect"), ("Hadi al-Ameri", "indirect")],
    ),
    # quotation marks as pages set them: mixed, never closed
    ('Grant Hollis said: “We will act if this goes on." Then he left.', [("Grant Hollis", "direct")]),
    ('Grant Hollis said: "We will act if this goes on” and then he left.', [("Grant Hollis", "direct")]),
    (
        "Nasser Kanaani told reporters: “Important things are happening in the region today",
        [("Nasser Kanaani", "direct")],
    ),
    (
        "Nasser Kanaani told reporters: “Important things are happening in the region today\n\n"
        "He added that Iran was ready.",
        [("Nasser Kanaani", "direct"), ("Nasser Kanaani", "indirect")],
    ),
    # a colon with no verb introduces the words of the sentence's subject, not of a name in apposition
    (
        "Hadi al-Ameri was blunt about who gives him orders, Supreme Leader Ali Khamenei: "
        "“We are waiting for the Leader to decide.”",
        [("Hadi al-Ameri", "direct")],
    ),
    # "the spokesman for X" is a person: the next one named, of X, when none was named before
    (
        "The spokesman for the Islamic Revolutionary Guard Corps has stated that the enemy would regret it."
        "\n\nBrigadier General Ramezan Sharif spoke at a ceremony on Monday.",
        [("Ramezan Sharif", "indirect")],
    ),
    # an attribution after the words it reports: "…, X said on Friday." / "…, said X in a statement."
    (
        "The capabilities of the navy have grown, Houthi leader Abdul-Malik al-Houthi said on Thursday.",
        [("Abdul-Malik al-Houthi", "indirect")],
    ),
    (
        "The missiles were launched at two bases, said Pentagon spokesman Pat Ryder in a statement.",
        [("Pat Ryder", "indirect")],
    ),
    (
        "The drones were shot down over the sea, the Houthis said, adding that no ship was hit.",
        [("Houthis", "indirect")],
    ),
    # not when the sentence's words are a quotation's, or the verb is a relative clause's
    ("“We will strike,” a day after the raid, the Israeli army said.", []),
    (
        "Kataib Hezbollah, which has claimed many attacks, said on Tuesday it would stop.",
        [("Kataib Hezbollah", "indirect")],
    ),
    # "according to X", before or after the words it reports; not an anonymous source
    (
        "The resistance is ready for any war, according to Hashem Safieddine, who spoke on Monday.",
        [("Hashem Safieddine", "indirect")],
    ),
    (
        "Donald Trump posted a long message. According to him, no force will stop American ships.",
        [("Donald Trump", "indirect")],
    ),
    ("The drones came from Iraq, according to sources.", []),
    # the object before its subject: "what X described as"
    (
        "The destroyer repelled what Grant Shapps described as the largest attack yet.",
        [("Grant Shapps", "indirect")],
    ),
    # a tail subject without a determiner: "…”, military spokesman X said"
    (
        "“Leave the ports now for your own safety”, military spokesman Avichay Adraee said.",
        [("Avichay Adraee", "direct")],
    ),
    # a second speech act with no quotation of its own is a statement whatever its length
    (
        "Joe Biden branded the attack as “despicable” and said Iran was responsible.",
        [("Joe Biden", "direct"), ("Joe Biden", "indirect")],
    ),
    # a pronoun subject is the sentence's subject, not the latest name
    (
        "Kataib Hezbollah said the United States would pay if it struck Iran, and called on its fighters "
        "to prepare for what it described as “a long war of attrition with the occupiers.”",
        [("Kataib Hezbollah", "indirect"), ("Kataib Hezbollah", "indirect"), ("Kataib Hezbollah", "direct")],
    ),
    # a role description of an organization is the one whose name holds the noun
    (
        "The Saudi-led coalition said the Houthis fired drones at Jeddah. The Houthis denied it. "
        "The coalition said that the attack failed.",
        [
            ("Coalition to Restore Legitimacy in Yemen", "indirect"),
            ("Houthis", "indirect"),
            ("Coalition to Restore Legitimacy in Yemen", "indirect"),
        ],
    ),
    # an article before a known surname is the name's: "…,” Al-Qahoum, a member of …, said"
    (
        "“We will confront you with all our power,” Al-Qahoum, a member of the political bureau, said.",
        [("Ali al-Qahoum", "direct")],
    ),
    # a state's role ("Russia's ambassador", "France's top diplomat") is the person of that state named next
    (
        "Russia's ambassador to the UN called the strikes blatant aggression.\n\n"
        "Vasily Nebenzya told the council that they were illegal.",
        [("Vassily Nebenzia", "indirect"), ("Vassily Nebenzia", "indirect")],
    ),
    (
        "France's top diplomat warned officials on Tuesday that Israel might attack.\n\n"
        "Stephane Sejourne later met the president.",
        [("Stephane Sejourne", "indirect")],
    ),
    # "a senior member of X": a known person of X named next, else nobody
    (
        "A senior member of Yemen's Ansarullah movement warned that the UAE would pay.\n\n"
        "“The UAE will be the biggest loser,” Mohammed al-Bukhaiti said.",
        [("Mohammed al-Bukhaiti", "indirect"), ("Mohammed al-Bukhaiti", "direct")],
    ),
    ("A senior member of the Houthi movement warned that the UAE would pay.", []),
    # someone's spokesman is nobody named; a title before a name does not hide it
    ("The Prime Minister's official spokesman told reporters that the ships would stay.", []),
    (
        "Israeli Chief of Staff Eyal Zamir warned that Hezbollah would pay a heavy price.",
        [("Eyal Zamir", "indirect")],
    ),
    # a quotation ending a that-less reported clause is that clause's ("U.S." does not end it)
    (
        "Mike Pompeo said the U.S. was “working to build a coalition to deter” the Iranians.",
        [("Mike Pompeo", "indirect")],
    ),
    ("Yahya Saree said Yemeni forces hit two ships in the Red Sea.", [("Yahya Saree", "indirect")]),
    # a participle aside after the subject is not the subject
    (
        "Mike Pompeo, visiting Saudi Arabia to discuss the attack, told reporters that it was an act of war.",
        [("Mike Pompeo", "indirect")],
    ),
    # a paragraph that is only a quotation goes on with the speaker of the paragraph before
    (
        "Hashem Safieddine said that the resistance had grown stronger.\n\n"
        "“The army which was claimed to be invincible was defeated.”",
        [("Hashem Safieddine", "indirect"), ("Hashem Safieddine", "direct")],
    ),
    # "…, adding “…”" with a sentence of its own is a statement; "calling it “…”" names
    (
        "Naim Qassem said that the ban was a first step, adding “We do not hesitate when the situation "
        "requires it, and we are prepared.”",
        [("Naim Qassem", "indirect"), ("Naim Qassem", "direct")],
    ),
    (
        "Naim Qassem condemned the raid, calling it “a cowardly act of the occupation army today”.",
        [("Naim Qassem", "indirect")],
    ),
    # a straight mark left open mid-sentence does not run into the next paragraph's quotation
    (
        'Adil Abdul-Mahdi said the attack would have "dangerous consequences.\n\n'
        '"The attack was an unacceptable assault on our forces," his office said.',
        [("Adil Abdul-Mahdi", "indirect"), ("Adil Abdul-Mahdi", "direct")],
    ),
    # unnamed collectives and a possessor are no speakers: "Biden's Republican rivals", "opponents of X"
    ("Joe Biden's Republican rivals have accused him of inaction on Iran.", []),
    ("Republican opponents of Joe Biden have said that he is weak.", []),
    # a passive reporting verb's subject was spoken to: the speaker is whoever has been speaking
    (
        "Mahdi al-Mashat said that the siege must end.\n\n"
        "The Saudi-led coalition was warned, saying: “I absolve myself before God of any setback.”",
        [("Mahdi al-Mashat", "indirect"), ("Mahdi al-Mashat", "direct")],
    ),
    # "wrote on X. He …": a capital letter alone after a lower-case word ends a sentence
    (
        "“Target Tehran,” senator John Cornyn wrote on X. He later clarified he meant the Guard's bases.",
        [("John Cornyn", "direct"), ("John Cornyn", "indirect")],
    ),
    # a verb after the quotation that belongs to another clause names no speaker of it
    (
        "Jake Sullivan promised that Washington “will work with partners to bring” the Houthis to justice, "
        "while Jean-Yves Le Drian said that the attacks threaten the region.",
        [("Jake Sullivan", "indirect"), ("Jean-Yves Le Drian", "indirect")],
    ),
    # a dateline opens body text, not a headline, even when the excerpt cuts the sentence short
    (
        "ADEN: Yemen's Houthis on Wednesday threatened to attack targets in the Emirates",
        [("Houthis", "indirect")],
    ),
    # an aside between double hyphens is no subject
    (
        "Kataib Hezbollah -- which Iran backs -- said one of its commanders had been killed.",
        [("Kataib Hezbollah", "indirect")],
    ),
    # a speech act in an opening subordinate clause, then the main clause's
    (
        "On Friday, after Israel Katz said a missile was intercepted, Benjamin Netanyahu vowed to retaliate.",
        [("Israel Katz", "indirect"), ("Benjamin Netanyahu", "indirect")],
    ),
    (
        "Mahdi al-Mashat urged to “abandon hostile strategies and practices now”.",
        [("Mahdi al-Mashat", "direct")],
    ),
    (
        "Ramezan Sharif countered that people understood the day better than ever.",
        [("Ramezan Sharif", "indirect")],
    ),
    # a channel's post: "X posted in English claiming that …", "the post said", "said the post", "It said:"
    (
        "On Monday, Kawtheryoon Media Team, a Telegram channel, posted in English claiming that the "
        "factions can strike.\n\nThe post said that the factions are growing.\n\n"
        '"The resistance is stronger than before," said the post.\n\nIt said: " We have thousands of men."',
        [
            ("Kawtheryoon Media Team", "indirect"),
            ("Kawtheryoon Media Team", "indirect"),
            ("Kawtheryoon Media Team", "direct"),
            ("Kawtheryoon Media Team", "direct"),
        ],
    ),
    # negatives: places, ships, headlines and datelines are never speakers; a group called X is no speech
    ("The drones hit Ain al-Asad air base on Tuesday. He said that the base was safe.", []),
    ("USS Harry Truman sailed north. He said that the ship was safe.", []),
    ("The militia formed a front group called Saraya al-Fajr in January.", []),
    (
        "Shafaq News/ On Monday, minister Ali Hamad held talks, noting that they went well.",
        [("Ali Hamad", "indirect")],
    ),
    # a capitalised verb form inside a name is no reporting verb ("the United States", "State Department")
    (
        "Hadi al-Ameri said on Sunday that “the United States controls the economy,” calling for a boycott.",
        [("Hadi al-Ameri", "direct")],
    ),
    ("Sheikh Hadi al-Ameri Stated, “The occupiers will leave our land soon.”", [("Hadi al-Ameri", "direct")]),
    ("Analysts say the group will strike again.", []),
    ("Kataib Hezbollah issued a statement on Sunday.", []),
    # an evaluative opening ("It was …", "That was …") is a speaker's when an attribution is set in it
    (
        "The ships were hit twice. That was the navy's work, the Houthis said on Friday.",
        [("Houthis", "indirect")],
    ),
    (
        "Hadi al-Ameri said in a statement that two bases were hit. "
        "The statement cited a drone attack on Monday. It was followed by a rocket attack, it added.",
        [("Hadi al-Ameri", "indirect"), ("Hadi al-Ameri", "indirect"), ("Hadi al-Ameri", "indirect")],
    ),
    ("It is likely that the group will strike again.", []),
    # a parenthetical attribution reports the words before it, even with a quotation after it
    (
        "They will regret this act and pay a heavy price, Ali Hamad stressed, adding “Our people are "
        "fully prepared to enter a long war with them.”",
        [("Ali Hamad", "indirect"), ("Ali Hamad", "direct")],
    ),
    # a subordinate clause opening a sentence that is not the text's first
    (
        "The drones were launched at dawn. On Friday, after the Israeli military said a missile was "
        "intercepted, Israel Katz vowed to retaliate.",
        [("Israel Defense Forces", "indirect"), ("Israel Katz", "indirect")],
    ),
    # the occasion of speech between the verb and its that-clause; an aside inside a that-less clause
    (
        "Mohammed al-Bukhaiti said in a March 3, 2021 interview on a TV channel (Lebanon) that the "
        "Houthis will respond.",
        [("Mohammed al-Bukhaiti", "indirect")],
    ),
    (
        "Hadi al-Ameri said in a statement on behalf of the movement's leader that they were freezing "
        "all units.",
        [("Hadi al-Ameri", "indirect")],
    ),
    (
        "Naim Qassem said the United States, despite its weapons and fleets, has failed.",
        [("Naim Qassem", "indirect")],
    ),
    ("Naim Qassem visited the south during the holiday that followed the war.", []),
    # more reporting verbs: an order, holding something to be, speaking to someone before their words
    ("Donald Trump ordered the military to launch strikes on the rebels.", [("Donald Trump", "indirect")]),
    ("He was ordered to leave.", []),
    (
        "Avichay Adraee considered the seizure of the ship to be a grave incident for the world.",
        [("Avichay Adraee", "indirect")],
    ),
    (
        "Abu Ali al-Askari speaks to the security forces to “stay away from the leaders of the occupation.”",
        [("Abu Ali al-Askari", "direct")],
    ),
    ("Abu Ali al-Askari spoke to the security forces on Monday.", []),
    # a plural role of groups stands for the group named before
    (
        "Kataib Hezbollah claimed responsibility for two attacks. "
        "The militias threatened to escalate their attacks.",
        [("Kataib Hezbollah", "indirect"), ("Kataib Hezbollah", "indirect")],
    ),
    # an utterance noun after a modifier of any kind: "issued a stern warning"
    (
        "Yair Lapid issued a stern warning to Hezbollah on Tuesday after a drone crossed the border.",
        [("Yair Lapid", "indirect")],
    ),
    # coordinated named subjects speak together: the first named stands for them
    (
        "Prime Minister Yair Lapid and Defense Minister Benny Gantz warned that Israel would respond.",
        [("Yair Lapid", "indirect")],
    ),
    # a possessive's noun is no verb: "the Houthis' claim as “…”" is the dismissing speaker's
    (
        "Mike Pompeo dismissed the Houthis’ claim as “fraudulent,” and charged that they lied.",
        [("Mike Pompeo", "direct"), ("Mike Pompeo", "indirect")],
    ),
    # "…,” said X, according to a channel, adding that “…”": X's, not the channel's
    (
        "“We believe in the hidden Imam and his return,” said Naim Qassem at the start of his speech, "
        "according to Al-Manar TV, adding that “Believers should be patient until the victory comes.”",
        [("Naim Qassem", "direct"), ("Naim Qassem", "direct")],
    ),
    # a speech act in a relative clause: the antecedent's, or the clause's subject's when the antecedent is
    # its object; a relative clause that reports no speech is nobody's
    (
        "Kataib Hezbollah -- which announced it was suspending its attacks -- said one of its commanders "
        "had been killed.",
        [("Kataib Hezbollah", "indirect"), ("Kataib Hezbollah", "indirect")],
    ),
    (
        "Hadi al-Ameri, who called for war in May, said on Tuesday that the talks had failed.",
        [("Hadi al-Ameri", "indirect"), ("Hadi al-Ameri", "indirect")],
    ),
    # (a perfect is a background summary: "which has claimed many attacks")
    (
        "Hadi al-Ameri, who has called for war, said on Tuesday that the talks had failed.",
        [("Hadi al-Ameri", "indirect")],
    ),
    (
        "The drilling began in the Karish field, which Lebanon claims is a disputed area.",
        [("Lebanon", "indirect")],
    ),
    (
        "Hadi al-Ameri said in a statement that the troops must go. “We are stronger than before,” said "
        "the statement, which also warned that the troops should leave.",
        [("Hadi al-Ameri", "indirect"), ("Hadi al-Ameri", "direct"), ("Hadi al-Ameri", "indirect")],
    ),
    ("Hadi al-Ameri, who leads the Badr Organization, visited Tehran.", []),
    # a verb after a comma-less relative clause with a verb of its own is the sentence's; one
    # joined to the clause's verb by "and" is the clause's
    (
        "A Kataib Hezbollah official who spoke on condition of anonymity said the group would strike back.",
        [("Kataib Hezbollah", "indirect")],
    ),
    ("The Houthis, who control the capital and say they act for Gaza, have attacked ships.", []),
    (
        "Hadi al-Ameri called on the government to expel the coalition, which he accused of spying.",
        [("Hadi al-Ameri", "indirect")],
    ),
    ("The ministry, which is responsible for the police, said it would act.", []),
    # "a border dispute" is a noun, not a verb of speech
    ("The army moved troops to the border after a long border dispute with Lebanon.", []),
    # a nested report: the quotation in the inner speaker's that-clause is the inner speaker's
    (
        "Hadi al-Ameri revealed that Brigadier General Farid, days before his death, told his men that "
        "his only wish was “to meet the martyrs in paradise.”",
        [("Hadi al-Ameri", "indirect"), ("Farid", "direct")],
    ),
    # a title and a single name is a person
    ("General Farid warned that the base would be hit.", [("Farid", "indirect")]),
    # a participle's that-clause is the same speaker's words, not a nested report
    (
        "Yahya Saree said the attacks were part of the campaign, adding that the group would not stop "
        "“until the aggression on Gaza stops and the siege is lifted.”",
        [("Yahya Saree", "indirect")],
    ),
    # a first name alone after the full name, when no other person shares it
    (
        "Foreign Minister Gideon Marsh sent a letter. In his letter, Gideon urged the council to act.",
        [("Gideon Marsh", "indirect")],
    ),
    (
        "Gideon Marsh met Gideon Hollis. Gideon urged the council to act.",
        [],
    ),
    # words relayed by another are the original speaker's: "X was quoted by Y as saying", "Y quotes X:"
    (
        "“Targeting embassies is unacceptable,” Hadi al-Ameri was quoted by his spokesman Ali Hamad as "
        "saying in a statement.",
        [("Hadi al-Ameri", "direct")],
    ),
    (
        "Naim Qassem was quoted as saying: “The occupiers must leave our land now.”",
        [("Naim Qassem", "direct")],
    ),
    (
        "The channel's post quotes Ali Khamenei: “Even one American soldier in Iraq is too many.”",
        [("Ali Khamenei", "direct")],
    ),
    (
        "Al-Manar quoted Naim Qassem as saying “We are ready for any war that comes.”",
        [("Naim Qassem", "direct")],
    ),
    # a relayed speaker: "X called on …, his spokesman said" is X's; a quoted "not to" is the call's
    (
        "Naim Qassem called on all sides “not to escalate” the situation, his spokesman said on Friday.",
        [("Naim Qassem", "indirect")],
    ),
    ("The drones called on the base at night.", []),
    # a participle's subject is the sentence's main clause's, also for a second quotation
    (
        "Hadi al-Ameri said that the siege must end.\n\n"
        "The Saudi-led coalition was warned, saying: “I absolve myself before God of any setback,” "
        "highlighting that “the first step is opening the airports and the ports.”",
        [("Hadi al-Ameri", "indirect"), ("Hadi al-Ameri", "direct"), ("Hadi al-Ameri", "direct")],
    ),
    # words set out without marks after a colon in the sentence that introduces them
    (
        "Donald Trump spoke on Monday. He sent out a post last night, saying this: any attack on our "
        "troops will be met with force.",
        [("Donald Trump", "indirect"), ("Donald Trump", "direct")],
    ),
    (
        "Donald Trump posted a message. According to him, the rebels fired missiles at our ships: These "
        "attacks have cost the world billions of dollars.",
        [("Donald Trump", "indirect"), ("Donald Trump", "direct")],
    ),
    # (a list after the colon of a reported clause is the clause's)
    (
        "Naim Qassem said three things mattered: the land, the people and the army.",
        [("Naim Qassem", "indirect")],
    ),
    ("ADEN: The Houthis said the ships were hit.", [("Houthis", "indirect")]),
    # a paragraph set out after "According to him, …:" is his
    (
        "Donald Trump wrote a long post.\n\nAccording to him, the rebels fired missiles at our ships:\n\n"
        "These relentless attacks have cost the world many billions of dollars.",
        [("Donald Trump", "indirect"), ("Donald Trump", "direct")],
    ),
    # a surname that is also a word ("al-Iraqi"): the person before a verb of speech, else the word
    (
        "Salih Mohammed al-Iraqi said that they were freezing all units. Iraqi also called on the "
        "commander-in-chief of the armed forces Kadhimi to control the militias.",
        [("Saleh Mohammed al-Iraqi", "indirect"), ("Saleh Mohammed al-Iraqi", "indirect")],
    ),
    (
        "Salih Mohammed al-Iraqi said that they were freezing all units. Iraqi forces were deployed.",
        [("Saleh Mohammed al-Iraqi", "indirect")],
    ),
    # "the commander" after a general, as after a commander
    (
        "Brigadier General Ramezan Sharif spoke in Ahwaz. The commander added that the enemy would pay.",
        [("Ramezan Sharif", "indirect")],
    ),
    # a pronoun with nobody before it: the name the next sentence opens with
    (
        "“We will respond to any attack,” he said. Abu Ali al-Askari made the remarks on Telegram.",
        [("Abu Ali al-Askari", "direct")],
    ),
    ("“We will respond to any attack,” he said. The remarks came after a strike.", []),
    # a nationality before a role: a person of that state, else the state, never another side's leader
    (
        "Masoud Pezeshkian spoke on Monday. The Iranian president accused the United States of lying.",
        [("Masoud Pezeshkian", "indirect")],
    ),
    (
        "The Iranian president accused the United States of lying about the killing of Ismail Haniyeh.",
        [("Iran", "indirect")],
    ),
    # a navy is an organization, not a person a role may stand for
    (
        "The Royal Navy shot down two drones.\n\nThe defence secretary signalled that allies could act.\n\n"
        "Grant Hollis warned that more ships would come.",
        [("Grant Hollis", "indirect"), ("Grant Hollis", "indirect")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), ATTRIBUTION)
def test_attribution_constructions(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


KNOWN_MISSES = [
    # "The statement reads:" with the text in the same paragraph and no marks
    pytest.param(
        "Kataib Hezbollah issued a statement. The statement reads: the occupiers must leave now.",
        [("Kataib Hezbollah", "direct")],
        id="statement-reads-inline",
    ),
]


@pytest.mark.xfail(strict=True, reason="known miss: see the README's list of constructions not read")
@pytest.mark.parametrize(("text", "expected"), KNOWN_MISSES)
def test_known_misses(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("raw", "speaker"),
    [
        ("Abu Ali al-As\u00adkari warned that the group would strike.", "Abu Ali al-Askari"),  # soft hyphen
        ("Abu Ali al-\u200bAskari warned that the group would strike.", "Abu Ali al-Askari"),  # ZW space
        ("Qais al-Khaz\u200dali warned that the group would strike.", "Qais al-Khazali"),  # ZW joiner
        ("\u200fHadi al-Ameri\u200e warned that the group would strike.", "Hadi al-Ameri"),  # direction marks
    ],
)
def test_invisible_characters_are_cleaned(raw: str, speaker: str) -> None:
    text = clean_text(raw)
    assert not any(ch in text for ch in "\u00ad\u200b\u200d\u200e\u200f")
    assert [s.speaker.name for s in extract_statements(text, PUBLISHED)] == [speaker]


# (passage, expected ISO date, precision)
DATES = [
    # a speech dated in its lead dates the speaker's later quotations
    (
        "Naim Qassem said in a speech on Monday that the war was near.\n\nThe enemy is weak.\n\n"
        "“We will not stop,” Naim Qassem said.",
        "2024-03-04",
        "day",
    ),
    # an event inside the quotation does not date it
    (
        "“Last year's attack on the embassy in 2021 was a mistake,” Hadi al-Ameri said.",
        "2024-03-08",
        "reported",
    ),
    # a wire dateline's date is a publication date; a date in the sentence beats it
    ("Hadi al-Ameri said on Wednesday that the troops must leave.", "2024-03-06", "day"),
    # a date inside the reported clause is the event's, not the saying's
    ("Hadi al-Ameri said that the group had grown stronger since 2000.", "2024-03-08", "reported"),
    ("Hadi al-Ameri warned that the attack on Monday was a crime.", "2024-03-08", "reported"),
    ("Hadi al-Ameri said in a statement on Tuesday that the troops must leave.", "2024-03-05", "day"),
    ("Any delay, Hadi al-Ameri said on Tuesday, would be answered.", "2024-03-05", "day"),
    ("Hadi al-Ameri said the bases were hit on Monday.", "2024-03-08", "reported"),
    # an event's date in the sentence before dates no statement; a speech's does
    (
        "In March 2019, the Treasury placed the group on its list. “We will win,” Hadi al-Ameri said.",
        "2024-03-08",
        "reported",
    ),
    ("On Monday, Hadi al-Ameri addressed his supporters. “We will win,” he said.", "2024-03-04", "day"),
    # nor does an event in the next paragraph that names the speaker
    (
        "“We will win,” Hadi al-Ameri said.\n\nIn March 2019, the Treasury sanctioned Hadi al-Ameri.",
        "2024-03-08",
        "reported",
    ),
    # a date naming an event ("the September 26 Revolution") is not the saying's; "his Nov. 19 interview" is
    (
        "In a speech marking the September 26 Revolution, Hadi al-Ameri said that the war was over.",
        "2024-03-08",
        "reported",
    ),
    ("In his Nov. 19 interview, Hadi al-Ameri said that the war was over.", "2023-11-19", "day"),
    # a page store's date stamp before the text is the publication's, not the first sentence's
    (" date 2024-03-08 SANAA: Hadi al-Ameri said on Monday that the troops must leave.", "2024-03-04", "day"),
    # a photo caption's date is the photograph's: captions are cleaned away
    (
        "Hadi al-Ameri speaks in Baghdad, March 15, 2018. Photo: Reuters / Sam Wood.\n\n"
        "“We will win,” Hadi al-Ameri said.",
        "2024-03-08",
        "reported",
    ),
]


@pytest.mark.parametrize(("text", "date", "precision"), DATES)
def test_statement_dates(text: str, date: str, precision: str) -> None:
    last = extract_statements(clean_text(text), PUBLISHED)[-1]
    assert last.date.value is not None
    assert (last.date.value.iso(), last.date.precision) == (date, precision)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BAGHDAD, Nov. 3, 2023 (AP) — The group said it would strike.", "2023-11-03"),
        ("SANAA, March 4, 2024 (Reuters) - The Houthis said on Monday …", "2024-03-04"),
        ("He said, on Nov. 3, 2023 — that it was over.", None),  # a date inside a sentence is no dateline
        pytest.param(
            "SANAA, March 4 (Reuters) - The Houthis said …",
            "2024-03-04",
            marks=pytest.mark.xfail(strict=True, reason="a dateline without a year gives no date"),
        ),
    ],
)
def test_wire_datelines(text: str, expected: str | None) -> None:
    found = find_byline_date(text)
    assert (found.iso() if found else None) == expected
