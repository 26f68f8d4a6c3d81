#!/usr/bin/env python3
"""The tg-spam baseline: multinomial naive Bayes over whitespace tokens, on qundeck's training samples.

Trains scikit-learn's MultinomialNB on the same seed corpus qundeck ships (read from the Swift sources
in Sources/QunCore/Classifier, so the two cannot drift apart) with tokens split on whitespace, as tg-spam's
tokenizer does, and evaluates it on the held-out files here and on the rules' corpus — the same sets and
the same threshold as `qundeck bench classifier`.

    pip install scikit-learn
    python3 Benchmarks/classifier/whitespace_baseline.py            # from the repository root
"""
import argparse
import re
import sys
from pathlib import Path

from sklearn.feature_extraction.text import CountVectorizer
from sklearn.naive_bayes import MultinomialNB

ROOT = Path(__file__).resolve().parents[2]
ESCAPE = re.compile(r"\\u\{([0-9A-Fa-f]+)\}")


def seed_lines(swift_file: Path) -> list[str]:
    """The lines of the one raw string literal (#\"\"\" … \"\"\"#) in a SeedCorpus source file."""
    text = swift_file.read_text(encoding="utf-8")
    start = text.index('#"""') + 4
    end = text.index('"""#', start)
    lines = [line.strip() for line in text[start:end].splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def sample_lines(path: Path) -> list[str]:
    """One sample per line, `family<TAB>text` allowed, `#` comments, \\u{XXXX} escapes (as SampleFile)."""
    samples = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if raw.startswith("#") or not raw.strip():
            continue
        line = raw.split("\t", 1)[1] if "\t" in raw else raw
        try:
            samples.append(ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), line))
        except ValueError as error:
            sys.exit(f"{path}:{number}: {error}")
    return samples


def whitespace_tokens(text: str) -> list[str]:
    # tg-spam lowercases and splits on whitespace; punctuation stays attached.
    return text.lower().split()


def score(flags: list[bool], labels: list[bool]) -> str:
    tp = sum(f and l for f, l in zip(flags, labels))
    fn = sum((not f) and l for f, l in zip(flags, labels))
    fp = sum(f and not l for f, l in zip(flags, labels))
    tn = sum((not f) and not l for f, l in zip(flags, labels))
    recall = tp / (tp + fn) if tp + fn else 0.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    fpr = fp / (fp + tn) if fp + tn else 0.0
    return f"{tp + fn:6d} {fp + tn:5d}   {recall:6.3f}   {fp:4d} {100 * fpr:5.2f}%   {precision:6.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threshold", type=float, default=0.9, help="spam probability at which to flag (qundeck's default)")
    args = parser.parse_args()

    seed = ROOT / "Sources/QunCore/Classifier"
    spam, ham = seed_lines(seed / "SeedSpamLines.swift"), seed_lines(seed / "SeedHamLines.swift")
    vectorizer = CountVectorizer(tokenizer=whitespace_tokens, token_pattern=None, lowercase=False)
    model = MultinomialNB()
    model.fit(vectorizer.fit_transform(spam + ham), [1] * len(spam) + [0] * len(ham))
    print(f"baseline: MultinomialNB over whitespace tokens, {len(spam)} spam + {len(ham)} ham seed samples, "
          f"{len(vectorizer.vocabulary_)} tokens; threshold {args.threshold}")

    sets = [
        ("held-out", ROOT / "Benchmarks/classifier/heldout-spam.txt", ROOT / "Benchmarks/classifier/heldout-ham.txt"),
        ("rules corpus", ROOT / "Tests/QunCoreTests/Corpus/spam.txt", ROOT / "Tests/QunCoreTests/Corpus/ordinary.txt"),
    ]
    print("-" * 86)
    print("set            detector            spam   ham   recall   false pos   precision")
    for name, spam_file, ham_file in sets:
        test_spam, test_ham = sample_lines(spam_file), sample_lines(ham_file)
        texts = test_spam + test_ham
        labels = [True] * len(test_spam) + [False] * len(test_ham)
        known = [bool(whitespace_tokens(t)) and any(tok in vectorizer.vocabulary_ for tok in whitespace_tokens(t)) for t in texts]
        probabilities = model.predict_proba(vectorizer.transform(texts))[:, 1]
        flags = [bool(p >= args.threshold) for p in probabilities]
        print(f"{name:<15}{'whitespace NB':<18}" + score(flags, labels))
        print(f"{'':<15}(messages with no token seen in training: {known.count(False)} of {len(texts)})")
    print("-" * 86)


if __name__ == "__main__":
    main()
