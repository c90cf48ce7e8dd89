"""One valid question of every kind as the editor posts it, with a right and a wrong answer as
the quiz form sends them, for the tests of the question bank editor."""

KINDS = {
    "single": {
        "rows": {
            "choices": [
                {"text": "An act, a means and a purpose", "fraction": "100", "feedback": "Yes."},
                {"text": "A border crossing", "fraction": "0", "feedback": "No border needed."},
                {"text": "Profit", "fraction": "-50", "feedback": ""},
            ]
        },
        "settings": {"shuffle": "on"},
        "right": {"response": "0"},
        "wrong": {"response": "1"},
        "wrong_feedback": "No border needed.",
    },
    "multiple": {
        "rows": {
            "choices": [
                {"text": "Recruitment", "fraction": "50"},
                {"text": "Transport", "fraction": "50"},
                {"text": "A visa", "fraction": "-100"},
            ]
        },
        "right": {"response": ["0", "1"]},
        "wrong": {"response": ["2"]},
    },
    "true_false": {
        "settings": {
            "answer": "false",
            "feedback_true": "No: no border.",
            "feedback_false": "Yes.",
        },
        "right": {"response": "false"},
        "wrong": {"response": "true"},
        "wrong_feedback": "No: no border.",
    },
    "matching": {
        "rows": {
            "pairs": [
                {"left": "Eurojust", "right": "Judicial cooperation"},
                {"left": "Europol", "right": "Police cooperation"},
            ]
        },
        "settings": {"distractors": "Border control"},
        "right": {"m0": "0", "m1": "1"},
        "wrong": {"m0": "1", "m1": "2"},
    },
    "ordering": {
        "rows": {"items": [{"text": "Identify"}, {"text": "Refer"}, {"text": "Protect"}]},
        "right": {"o0": "0", "o1": "1", "o2": "2"},
        "wrong": {"o0": "2", "o1": "0", "o2": "1"},
    },
    "short": {
        "rows": {
            "answers": [
                {"text": "Eurojust", "fraction": "100", "feedback": "Right."},
                {"text": "Euro*", "fraction": "50", "feedback": "Close."},
            ]
        },
        "right": {"response": "EUROJUST"},
        "wrong": {"response": "Interpol"},
    },
    "numeric": {
        "rows": {
            "numbers": [
                {"answer": "10", "tolerance": "0.5", "fraction": "100", "feedback": "Ten years."},
                {"answer": "*", "tolerance": "0", "fraction": "0", "feedback": "Check Art. 4."},
            ]
        },
        "settings": {"unitgradingtype": "0", "unitpenalty": "0.1"},
        "right": {"response": "10.4"},
        "wrong": {"response": "5"},
        "wrong_feedback": "Check Art. 4.",
    },
    "essay": {
        "rows": {"rubric": [{"criterion": "Names the three elements", "points": "2"}]},
        "settings": {"grader_info": "Look for act, means, purpose.", "min_words": "10"},
    },
    "description": {},
    "gapselect": {
        "fields": {"text": "Trafficking needs an [[1]], a [[2]] and a purpose."},
        "rows": {
            "words": [
                {"text": "act", "group": "1"},
                {"text": "means", "group": "2"},
                {"text": "border", "group": "1"},
            ]
        },
        "right": {"g0": "0", "g1": "1"},
        "wrong": {"g0": "2", "g1": "1"},
    },
}
