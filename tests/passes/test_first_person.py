"""First-person narrators (acc28-fp3): whom a line opening after narration says "you" to."""

from __future__ import annotations

from speaker_story import analyze_alone, speakers


def test_a_pronoun_tagged_line_after_narration_says_you_to_the_talking_narrator() -> None:
    # blind21 omitb_microphone: 'Charles spent the ride staring at the numbers ...' / '"You know
    # who's coming today," he said.' / '"Detective Williams."': a "he" tag on a line opening
    # after narration that names no other man says "you" to the talking narrator, who answers
    # (the alternation gave the answer to whoever spoke two turns back)
    work = analyze_alone(
        "I went down to the lobby at six. Dana was at the desk, and Rico was leaning on the "
        "wall with two coffees. I took one from him without asking.",
        '"You\'re late," Dana said.',
        '"I\'m early," I said. "You\'re just used to being earlier."',
        '"Fair," said Rico.',
        '"Where\'s the van?" I asked.',
        '"Out back," Dana said.',
        "We walked out to the lot together. Rico kept looking at his phone like it owed him "
        "money, and the sky was the colour of old dishwater.",
        '"You know who\'s driving today," he said.',
        '"The new guy."',
        '"The new guy."',
    )
    assert speakers(work)[-3:] == ["Rico", "the narrator", "Rico"]
