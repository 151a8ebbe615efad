"""Weather notes kept as plain text."""

from dataclasses import dataclass


@dataclass
class Note:
    day: str
    text: str


def parse(line: str) -> Note:
    day, _, text = line.partition(": ")
    return Note(day=day, text=text)
