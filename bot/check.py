"""`python -m bot.check`: validate knowledge/ and exit non-zero with a readable message if it is malformed."""

import sys

from bot.knowledge import KnowledgeError, load_knowledge


def main() -> int:
    try:
        knowledge = load_knowledge()
    except KnowledgeError as error:
        print(f"Connaissances invalides : {error}", file=sys.stderr)
        return 1
    print(f"Connaissances valides : {len(knowledge.grappes)} grappes, {len(knowledge.topics)} sujets généraux.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
